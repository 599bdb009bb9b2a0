// LogData: log formats, masking, Drain, sessionizers, label sources, tokenizer, word vectors,
// TF-IDF event embeddings, the prepared-dataset cache, dataset download/verify and the synthetic
// multi-system generator. Knows nothing about neural networks.

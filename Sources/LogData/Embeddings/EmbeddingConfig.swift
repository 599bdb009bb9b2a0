import Foundation

/// How event templates become vectors: the word-vector file and the TF-IDF weighting.
public struct EmbeddingConfig: Codable, Hashable, Sendable {
    /// The TF-IDF aggregation of word vectors into an event vector.
    public enum Weighting: String, Codable, Hashable, Sendable, CaseIterable {
        /// MetaLog's eq. (1): for each distinct word w of event e, tf = n_w/n_e, idf = ln(n_l/n_l^w)
        /// with n_l the number of templates of the system and n_l^w the number of templates that
        /// contain w (document frequency); e = mean over e's distinct in-vocabulary words of tf·idf·v_w.
        case paper
        /// MetaLog's public code (`Simple_template_TF_IDF`): per token *occurrence* (tokens before
        /// camel splitting), tf = count/N_tokens, idf = ln(n_l/occurrences of the token over all
        /// templates), times the mean of the token's sub-word vectors with OOV sub-words in the
        /// denominator; summed over occurrences (a token repeated k times weighs k·k/N).
        case metalogCode
    }

    /// Word-vector file (GloVe text format); `$SHARED_DATASETS/…`, `$DATA_DIR/…` or a path.
    public var vectors: String
    /// Expected dimension, checked against the file (nil: take the file's).
    public var dimension: Int?
    public var weighting: Weighting

    public init(vectors: String = EmbeddingConfig.sharedGloVe50, dimension: Int? = nil, weighting: Weighting = .paper) {
        self.vectors = vectors
        self.dimension = dimension
        self.weighting = weighting
    }

    /// The shared GloVe 6B 50-d file (the default when present).
    public static let sharedGloVe50 = "$SHARED_DATASETS/vectors/glove.6B.50d.txt"
}

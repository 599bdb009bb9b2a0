// Methods: ZeroLog, MetaLog, the baselines and the shared evaluator. One file (or folder) per method.

// ResultsStore: the SQLite results store (GRDB). The only module that speaks SQL.

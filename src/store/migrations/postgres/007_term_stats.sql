-- Document frequencies of the terms that weigh story placement and related articles (TF-IDF): how many
-- stored articles contain each term, shared by every process on the store, so that a fresh `lede serve`
-- weighs words like the ingest that filled it. The row with the empty term holds the number of articles.
CREATE TABLE term_stats (
  term  text PRIMARY KEY,
  docs  bigint NOT NULL
);

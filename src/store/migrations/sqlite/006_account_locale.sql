-- The interface language an account chose ("en", "ar"); NULL: the browser's Accept-Language decides.
ALTER TABLE accounts ADD COLUMN locale TEXT;

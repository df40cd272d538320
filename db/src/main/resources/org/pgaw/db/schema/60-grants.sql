-- What the learner may do: read the five AdventureWorks schemas (tables and views), nothing else.
-- Runs as the owner, after every object exists.
GRANT USAGE ON SCHEMA person, humanresources, production, purchasing, sales TO :"learner";
GRANT SELECT ON ALL TABLES IN SCHEMA person, humanresources, production, purchasing, sales TO :"learner";

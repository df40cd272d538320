-- Schemas and domains of pgaw's AdventureWorks (see tables.sql).

CREATE SCHEMA person;
CREATE SCHEMA humanresources;
CREATE SCHEMA production;
CREATE SCHEMA purchasing;
CREATE SCHEMA sales;

CREATE DOMAIN public."Name" AS varchar(50);
CREATE DOMAIN public."Flag" AS boolean NOT NULL;
CREATE DOMAIN public."NameStyle" AS boolean NOT NULL;
CREATE DOMAIN public."Phone" AS varchar(25);
CREATE DOMAIN public."AccountNumber" AS varchar(15);
CREATE DOMAIN public."OrderNumber" AS varchar(25);

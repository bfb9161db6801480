-- COPY ... FROM stdin with inline data, as pg_dump writes it
CREATE TABLE item (id int PRIMARY KEY, name text, price numeric, tags text[]);

COPY item (id, name, price, tags) FROM stdin;
1	apple; red	1.50	{a,b}
2	\N	2	{}
3	tab\there	3.25	{"x;y"}
4	back\\slash	0	\N
\.

COPY item FROM stdin WITH (FORMAT csv);
5,"csv; quoted",5.5,"{c}"
\.

DO $$
BEGIN
  IF (SELECT count(*) FROM item) <> 5 THEN RAISE EXCEPTION 'expected 5 items'; END IF;
  IF (SELECT name FROM item WHERE id = 1) <> 'apple; red' THEN RAISE EXCEPTION 'row 1'; END IF;
  IF (SELECT name FROM item WHERE id = 2) IS NOT NULL THEN RAISE EXCEPTION 'row 2'; END IF;
  IF (SELECT name FROM item WHERE id = 3) <> E'tab\there' THEN RAISE EXCEPTION 'row 3'; END IF;
  IF (SELECT name FROM item WHERE id = 4) <> E'back\\slash' THEN RAISE EXCEPTION 'row 4'; END IF;
  IF (SELECT name FROM item WHERE id = 5) <> 'csv; quoted' THEN RAISE EXCEPTION 'row 5'; END IF;
END
$$;

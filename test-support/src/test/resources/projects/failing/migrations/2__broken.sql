-- a typo on line 3: the class must fail, naming this file

INSRT INTO item (id) VALUES (1);

DELETE FROM person WHERE name = 'Ada';

-- A version directory: all.sql runs everywhere, then the file named after the environment.
CREATE TABLE app_setting (
    name   VARCHAR(100) NOT NULL PRIMARY KEY,
    setting_value  VARCHAR(400) NOT NULL
);
INSERT INTO app_setting (name, setting_value) VALUES ('app.name', '${app_name}');

DROP TABLE app_setting;

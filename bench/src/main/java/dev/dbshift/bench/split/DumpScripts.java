package dev.dbshift.bench.split;

import java.io.Reader;

/**
 * The scripts both splitters read: what {@code mariadb-dump} and {@code pg_dump} write for a schema with
 * stored programs and a lot of data. Deterministic, so every run (and every tool) reads the same text.
 */
final class DumpScripts {

    private DumpScripts() {
    }

    /** A mariadb-dump style script of about {@code chars} characters: header, tables, extended INSERTs, routines. */
    static String mysql(long chars) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, chars + 200_000));
        sb.append("-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB\n--\n-- Host: 127.0.0.1    Database: shop\n")
          .append("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n")
          .append("/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n")
          .append("/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\n\n");
        int block = 0;
        while (sb.length() < chars) {
            int b = block++;
            sb.append("--\n-- Table structure for table `orders_").append(b).append("`\n--\n\n")
              .append("DROP TABLE IF EXISTS `orders_").append(b).append("`;\n")
              .append("/*!40101 SET @saved_cs_client     = @@character_set_client */;\n")
              .append("CREATE TABLE `orders_").append(b).append("` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n")
              .append("  `customer` varchar(100) NOT NULL COMMENT 'who; ordered',\n  `note` text DEFAULT NULL,\n")
              .append("  `total` decimal(10,2) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n")
              .append("/*!40101 SET character_set_client = @saved_cs_client */;\n\n")
              .append("LOCK TABLES `orders_").append(b).append("` WRITE;\n")
              .append("/*!40000 ALTER TABLE `orders_").append(b).append("` DISABLE KEYS */;\n");
            for (int stmt = 0; stmt < 20; stmt++) {
                sb.append("INSERT INTO `orders_").append(b).append("` VALUES ");
                for (int row = 0; row < 200; row++) {
                    int id = stmt * 200 + row;
                    sb.append(row == 0 ? "" : ",").append('(').append(id).append(",'Customer ").append(id)
                      .append("; O\\'Brien','line one\\nline two \\\"quoted\\\" -- not a comment /* nor this */',")
                      .append(id % 1000).append('.').append(id % 100).append(')');
                }
                sb.append(";\n");
            }
            sb.append("/*!40000 ALTER TABLE `orders_").append(b).append("` ENABLE KEYS */;\nUNLOCK TABLES;\n\n")
              .append("DELIMITER ;;\n")
              .append("/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `orders_").append(b)
              .append("_bi` BEFORE INSERT ON `orders_").append(b).append("` FOR EACH ROW BEGIN\n")
              .append("  IF NEW.total < 0 THEN\n    SET NEW.total = 0;\n  END IF;\nEND */;;\n")
              .append("DELIMITER ;\n")
              .append("/*!50003 SET sql_mode              = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO' */ ;\n")
              .append("DELIMITER ;;\n")
              .append("CREATE DEFINER=`root`@`localhost` PROCEDURE `fill_").append(b).append("`(IN n INT)\n")
              .append("BEGIN\n  DECLARE i INT DEFAULT 0;\n  lbl: LOOP\n    SET i = i + 1;\n")
              .append("    IF i > n THEN LEAVE lbl; END IF;\n")
              .append("    INSERT INTO `orders_").append(b).append("` (customer, total) VALUES (CONCAT('c; ', i), i);\n")
              .append("  END LOOP lbl;\n  SELECT CASE WHEN n > 10 THEN 'many' ELSE 'few' END AS answer;\nEND ;;\n")
              .append("DELIMITER ;\n")
              .append("/*!50003 SET sql_mode              = @saved_sql_mode */ ;\n\n");
        }
        sb.append("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n-- Dump completed\n");
        return sb.toString();
    }

    /** A pg_dump style script of about {@code chars} characters: settings, functions, tables, COPY data, INSERTs. */
    static String postgres(long chars) {
        return postgres(chars, true);
    }

    /** The same, with the table data as INSERT statements instead of COPY blocks when {@code copy} is false. */
    static String postgres(long chars, boolean copy) {
        StringBuilder sb = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, chars + 200_000));
        sb.append("--\n-- PostgreSQL database dump\n--\n\n")
          .append("SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n")
          .append("SELECT pg_catalog.set_config('search_path', '', false);\nSET check_function_bodies = false;\n\n");
        int block = 0;
        while (sb.length() < chars) {
            int b = block++;
            sb.append("--\n-- Name: grade_").append(b).append("(numeric); Type: FUNCTION; Schema: public\n--\n\n")
              .append("CREATE FUNCTION public.grade_").append(b).append("(amount numeric) RETURNS text\n")
              .append("    LANGUAGE plpgsql IMMUTABLE\n    AS $_$\nBEGIN\n")
              .append("  IF amount >= 100 THEN RETURN 'gold; top'; END IF;\n")
              .append("  RETURN CASE WHEN amount >= 10 THEN $$silver$$ ELSE 'bronze' END;\nEND;\n$_$;\n\n")
              .append("CREATE FUNCTION public.add_").append(b).append("(a integer, b integer) RETURNS integer\n")
              .append("    LANGUAGE sql IMMUTABLE\n    BEGIN ATOMIC\n SELECT (a + b);\nEND;\n\n")
              .append("CREATE TABLE public.orders_").append(b).append(" (\n    id integer NOT NULL,\n")
              .append("    customer text NOT NULL,\n    note text,\n    total numeric(10,2) NOT NULL\n);\n\n")
              .append("COMMENT ON TABLE public.orders_").append(b).append(" IS 'orders; all of them';\n\n");
            if (copy) {
                sb.append("COPY public.orders_").append(b).append(" (id, customer, note, total) FROM stdin;\n");
                for (int row = 0; row < 2000; row++) {
                    sb.append(row).append("\tCustomer ").append(row).append("; O'Brien\tline one\\nline two \"quoted\" -- x\t")
                      .append(row % 1000).append('.').append(row % 100).append('\n');
                }
                sb.append("\\.\n\n");
            }
            for (int row = 0; row < (copy ? 200 : 2200); row++) {
                sb.append("INSERT INTO public.orders_").append(b).append(" VALUES (").append(row + 5000)
                  .append(", 'Customer; ").append(row).append("', E'esc\\'aped /* not a comment */', ")
                  .append(row % 100).append(".5);\n");
            }
            sb.append("\nALTER TABLE ONLY public.orders_").append(b).append("\n    ADD CONSTRAINT orders_").append(b)
              .append("_pkey PRIMARY KEY (id);\n\n");
        }
        sb.append("--\n-- PostgreSQL database dump complete\n--\n\n");
        return sb.toString();
    }

    /** {@code text} {@code times} times over, as one stream, without holding more than {@code text}. */
    static Reader repeated(String text, int times) {
        return new Reader() {
            private int round;
            private int at;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (at == text.length()) {
                    if (++round >= times) {
                        return -1;
                    }
                    at = 0;
                }
                int n = Math.min(len, text.length() - at);
                text.getChars(at, at + n, cbuf, off);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }
}

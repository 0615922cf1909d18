-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
--
-- Host: ⟦?ipv4:10.0.2.15⟧    Database: hrapp
-- ------------------------------------------------------
-- Server version	8.0.36-0ubuntu0.22.04.1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!50503 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `employees`
--

DROP TABLE IF EXISTS `employees`;
CREATE TABLE `employees` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `employee_no` varchar(16) NOT NULL,
  `username` varchar(64) NOT NULL,
  `email` varchar(255) NOT NULL,
  `password_hash` char(60) NOT NULL,
  `full_name` varchar(255) NOT NULL,
  `date_of_birth` date DEFAULT NULL,
  `tax_id` varchar(11) DEFAULT NULL COMMENT 'SSN or ITIN',
  `passport_no` varchar(9) DEFAULT NULL,
  `phone` varchar(32) DEFAULT NULL,
  `home_street` varchar(255) DEFAULT NULL,
  `home_city` varchar(64) DEFAULT NULL,
  `home_state` char(2) DEFAULT NULL,
  `home_zip` varchar(10) DEFAULT NULL,
  `bank_routing` char(9) DEFAULT NULL,
  `bank_account` varchar(17) DEFAULT NULL,
  `salary_usd` decimal(10,2) NOT NULL,
  `hired_on` date NOT NULL,
  `updated_at` bigint NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uk_employee_no` (`employee_no`),
  UNIQUE KEY `uk_email` (`email`)
) ENGINE=InnoDB AUTO_INCREMENT=1093 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

--
-- Dumping data for table `employees`
--

LOCK TABLES `employees` WRITE;
/*!40000 ALTER TABLE `employees` DISABLE KEYS */;
INSERT INTO `employees` VALUES (1001,'E-004512','⟦username:mhernandez⟧','⟦email:maria.hernandez@northwind-logistics.com⟧','$2b$12$KIXxPfnK6fR3p1u0Zq7a6eZ0mJxk0cF8l3hS2yQW9vNq1bT5dE3a.','⟦person_name:María Guadalupe Hernández⟧','⟦date_of_birth:1984-03-17⟧','⟦us_ssn:383-57-6478⟧','⟦us_passport:599195841⟧','⟦phone:(512) 555-0147⟧','⟦street_address:4802 Avenue H⟧','Austin','TX','⟦postal_code:78751⟧','⟦us_bank_routing:111070411⟧','000123456789',84500.00,'2016-08-01',1717401262),(1002,'E-004513','⟦username:dwilliams⟧','⟦email:deshawn.williams@northwind-logistics.com⟧','$2b$12$9wq1mB7tX0cVdE4fG2hJ3uKlLmN5oPqR6sTuV8wXyZ0aBcD1eF2gH','⟦person_name:DeShawn Williams⟧','⟦date_of_birth:1990-11-02⟧','⟦us_ssn:322-84-2074⟧',NULL,'⟦phone:+1 404 555 0123⟧','⟦street_address:77 Peachtree Pl NW, Apt 1204⟧','Atlanta','GA','⟦postal_code:30309⟧','⟦us_bank_routing:061000104⟧','4410029937',67250.00,'2019-02-11',1717401262),(1003,'E-004519','⟦username:rconnell⟧','⟦email:robert.oconnell@northwind-logistics.com⟧','$2b$12$Lm3nO4pQ5rS6tU7vW8xY9zA0bC1dE2fG3hI4jK5lM6nO7pQ8rS9tU','⟦person_name:Robert O''Connell⟧','⟦date_of_birth:1971-06-30⟧','⟦us_ssn:553320622⟧','⟦us_passport:135884717⟧','⟦phone:617-555-0199⟧','⟦street_address:18 Tremont St, Unit 3⟧','Boston','MA','⟦postal_code:02108⟧','⟦us_bank_routing:011000138⟧','9876543219',112000.00,'2011-05-23',1717401262),(1004,'E-004530','⟦username:nvminh⟧','⟦email:minh.nguyen@northwind-logistics.com⟧','$2b$12$aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4cD5eF6gH7iJ','⟦person_name:Nguyen Van Minh⟧','⟦date_of_birth:1995-01-09⟧','⟦us_itin:966-70-9450⟧',NULL,'⟦phone:(714) 555-0164⟧','⟦street_address:9120 Bolsa Ave⟧','Westminster','CA','⟦postal_code:92683-5512⟧','⟦us_bank_routing:121000358⟧','1234509876',58900.00,'2021-09-13',1717401262),(1005,'E-004533','⟦username:ajohnson⟧','⟦email:aaliyah.johnson@northwind-logistics.com⟧','$2b$12$Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm6Ll5Kk4Jj3Ii','⟦person_name:Aaliyah Johnson⟧','⟦date_of_birth:1999-07-04⟧','⟦us_ssn:400-69-8453⟧','⟦us_passport:A08513961⟧','⟦phone:+1 (773) 555-0108⟧','⟦street_address:2150 N Halsted St⟧','Chicago','IL','⟦postal_code:60614⟧','⟦us_bank_routing:071000013⟧','770012345',61000.00,'2022-01-03',1717401262),(1006,'E-004541','⟦username:echen⟧','⟦email:emily.chen@northwind-logistics.com⟧','$2b$12$Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb7Nm6Qw5Er4Ty3Ui2Op','⟦person_name:Emily Chen⟧','⟦date_of_birth:1988-10-21⟧','⟦us_itin:972-78-8579⟧','⟦us_passport:C51597242⟧','⟦phone:206.555.0131⟧','⟦street_address:1400 Boren Ave, Suite 200⟧','Seattle','WA','⟦postal_code:98101⟧','⟦us_bank_routing:322299476⟧','5550001111',99000.00,'2020-06-15',1717401262),(1007,'E-009999','svc_payroll','⟦?email:payroll-bot@northwind-logistics.com⟧','!','Payroll Service Account',NULL,'000-00-0000',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0.00,'2010-01-01',1717401262),(1008,'E-004550','⟦username:kpatel⟧','⟦email:kavya.patel@northwind-logistics.com⟧','$2b$12$Mn8Bv7Cx6Za5Sd4Fg3Hj2Kl1Qw0Er9Ty8Ui7Op6As5Df4Gh3Jk2Lz','⟦person_name:Kavya Patel⟧','⟦date_of_birth:1993-12-25⟧','999-99-9999','⟦us_passport:334871997⟧','⟦phone:732-555-0172⟧','⟦street_address:31 Oak Tree Rd⟧','Edison','NJ','⟦postal_code:08820⟧','⟦us_bank_routing:021030525⟧','3000192837',73400.00,'2023-04-10',1717401262);
/*!40000 ALTER TABLE `employees` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `sessions`
--

DROP TABLE IF EXISTS `sessions`;
CREATE TABLE `sessions` (
  `id` varchar(64) NOT NULL,
  `user_id` int unsigned DEFAULT NULL,
  `ip_address` varchar(45) DEFAULT NULL,
  `user_agent` text,
  `payload` longtext NOT NULL,
  `last_activity` int NOT NULL,
  PRIMARY KEY (`id`),
  KEY `sessions_last_activity_index` (`last_activity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

LOCK TABLES `sessions` WRITE;
INSERT INTO `sessions` VALUES ('⟦?session_cookie:pfgpi10pjf67noru7evda2v1gt⟧',1001,'⟦ipv4:99.44.108.12⟧','Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36','YTozOntzOjY6Il90b2tlbiI7czo0MDoiYlR4Z3J3VnFtTlpLb2Z1RkJ1Vk1LQ0F0Y3F5Y3ZQQ0ZpbUl6dGpPNSI7fQ==',1717401262),('⟦?session_cookie:42hcm47v10igvvmh2o5saht78p⟧',1006,'⟦ipv6:2601:601:8a80:2e40:5c21:9e3b:c4d7:1f08⟧','Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15','YTozOntzOjY6Il90b2tlbiI7czo0MDoiN0F2aU1xR3pPUE1ZdU5wV0dNVWpBeWF5SXFQb3N4R1NBQ0J4T0l0diI7fQ==',1717399811),('bot-healthcheck-000000000000',NULL,'⟦?ipv4:10.0.2.1⟧','kube-probe/1.29','YTowOnt9',1717401200);
UNLOCK TABLES;

--
-- Table structure for table `integrations`
--

DROP TABLE IF EXISTS `integrations`;
CREATE TABLE `integrations` (
  `name` varchar(64) NOT NULL,
  `endpoint` varchar(512) NOT NULL,
  `access_key_id` varchar(32) DEFAULT NULL,
  `secret` varchar(128) DEFAULT NULL,
  `updated_at` datetime NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES `integrations` WRITE;
INSERT INTO `integrations` VALUES ('s3-payroll-archive','s3://northwind-payroll-archive/exports/','⟦aws_access_key:AKIAHCEC6JIT2QB64KSQ⟧','wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEYxx','2024-05-01 09:00:00'),('sftp-adp','sftp://⟦url_credentials:nw_payroll_exp:Vx8#q2LmZ!7@sftp.adp-partner.com⟧:22/inbound/','','','2024-03-12 14:30:00'),('docs-sample','https://s3.amazonaws.com/examplebucket/','⟦?aws_access_key:AKIAIOSFODNN7EXAMPLE⟧','wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY','2019-01-01 00:00:00'),('smtp-relay','smtp://⟦url_credentials:apikey:SG.x7Qm2Lr9Tv4.Kp8Zw3Nc6Hb1Yd5Fj0Gs2Ua7Ve4Xi9Ro@smtp.sendgrid.net⟧:587','','','2024-02-02 02:02:02');
UNLOCK TABLES;

--
-- Table structure for table `legacy_payment_methods`
--

DROP TABLE IF EXISTS `legacy_payment_methods`;
CREATE TABLE `legacy_payment_methods` (
  `id` int NOT NULL AUTO_INCREMENT,
  `employee_id` int NOT NULL,
  `cardholder` varchar(128) DEFAULT NULL,
  `pan` varchar(19) DEFAULT NULL,
  `exp` char(5) DEFAULT NULL,
  `note` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=19 DEFAULT CHARSET=utf8mb4;

LOCK TABLES `legacy_payment_methods` WRITE;
INSERT INTO `legacy_payment_methods` VALUES (11,1001,'⟦person_name:MARIA G HERNANDEZ⟧','⟦credit_card:4382606058651674⟧','07/26','corporate travel card'),(12,1003,'⟦person_name:ROBERT O''CONNELL⟧','⟦credit_card:3732 665367 03016⟧','11/25','amex corp'),(13,1006,'⟦person_name:EMILY CHEN⟧','⟦credit_card:5540974992135576⟧','02/27',NULL),(14,1002,'QA','⟦?credit_card:4111111111111111⟧','12/30','sandbox test card'),(15,1002,'QA','⟦?credit_card:4242424242424242⟧','12/30','stripe test card'),(16,1008,'⟦person_name:KAVYA PATEL⟧','4549121035034468','01/27','typo, rejected by gateway (luhn)'),(17,1005,'⟦person_name:AALIYAH JOHNSON⟧','⟦credit_card:2720-2490-8075-1652⟧','09/28','fuel card'),(18,1004,'⟦person_name:NGUYEN VAN MINH⟧','6011 0909 8172 9003','04/26','entered wrong, see ticket HR-2291');
UNLOCK TABLES;

--
-- Table structure for table `audit_log`
--

LOCK TABLES `audit_log` WRITE;
INSERT INTO `audit_log` VALUES (900001,'2024-06-01 07:00:00','⟦username:mhernandez⟧','LOGIN','⟦ipv4:99.44.108.12⟧',NULL),(900002,'2024-06-01 07:03:12','⟦username:mhernandez⟧','UPDATE employees SET home_zip=? WHERE id=1001','⟦ipv4:99.44.108.12⟧','{"old":"⟦?postal_code:78705⟧","new":"⟦?postal_code:78751⟧"}'),(900003,'2024-06-01 09:14:55','⟦username:echen⟧','EXPORT w2_2023.csv','⟦ipv6:2601:601:8a80:2e40:5c21:9e3b:c4d7:1f08⟧','{"rows":1092,"sha1":"3f786850e387550fdab836ed7e6dc881de23001b"}'),(900004,'2024-06-01 23:59:59','system','VACUUM','⟦?ipv4:127.0.0.1⟧',NULL),(900005,'2024-06-02 10:20:30','⟦username:dwilliams⟧','UPDATE employees SET tax_id=? WHERE id=1002','⟦ipv4:73.207.14.91⟧','{"old":"912-34-5678","new":"⟦us_ssn:322-84-2074⟧"}');
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

-- Dump completed on 2024-06-03  9:01:02

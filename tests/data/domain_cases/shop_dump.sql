--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6 (Debian 15.6-1.pgdg120+2)
-- Dumped by pg_dump version 15.6 (Ubuntu 15.6-0ubuntu0.23.10.1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';
SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: shop_owner
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    public_id uuid NOT NULL,
    full_name text NOT NULL,
    email text NOT NULL,
    phone text,
    country character(2) NOT NULL,
    tax_id_type text,
    tax_id text,
    birth_date date,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.customers OWNER TO shop_owner;

CREATE TABLE public.addresses (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    line1 text NOT NULL,
    line2 text,
    city text NOT NULL,
    region text,
    postal_code text,
    country character(2) NOT NULL,
    lat numeric(9,6),
    lon numeric(9,6)
);

CREATE TABLE public.payment_methods (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    brand text NOT NULL,
    card_number text,
    psp_token text,
    exp_month smallint,
    exp_year smallint,
    is_test boolean DEFAULT false NOT NULL
);

CREATE TABLE public.devices (
    id bigint NOT NULL,
    customer_id bigint,
    model text NOT NULL,
    serial_no text NOT NULL,
    firmware text,
    mac macaddr,
    last_seen_ip inet,
    last_seen_at timestamp with time zone
);

CREATE TABLE public.web_sessions (
    session_key text NOT NULL,
    customer_id bigint,
    client_ip inet,
    user_agent text,
    expires_at timestamp with time zone
);

CREATE TABLE public.integrations (
    id integer NOT NULL,
    name text NOT NULL,
    endpoint text,
    access_key_id text,
    api_token text,
    notes text
);

--
-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.customers (id, public_id, full_name, email, phone, country, tax_id_type, tax_id, birth_date, created_at) FROM stdin;
1001	97812fa0-14ec-41a7-bba1-dbe64fc0ea23	⟦person_name:Ana Beatriz Carvalho⟧	⟦email:anabia.carvalho@uol.com.br⟧	⟦phone:+55 11 98734-2210⟧	BR	cpf	⟦br_cpf:963.954.488-46⟧	⟦date_of_birth:1992-04-17⟧	2023-01-03 04:46:56.344444+00
1002	db7198bd-10ba-4fc2-9d2a-26625cfc82b9	⟦person_name:João Pedro Nascimento⟧	⟦email:jp.nascimento@gmail.com⟧	⟦phone:(21) 99612-0458⟧	BR	cpf	⟦br_cpf:55227314438⟧	⟦date_of_birth:1987-09-30⟧	2023-01-11 22:09:09.460122+00
1003	47c66868-5694-42bc-97b7-53282cb9263b	⟦person_name:Mariana Souza Lima⟧	⟦email:mari.slima@hotmail.com⟧	⟦phone:+5531988470321⟧	BR	cpf	⟦br_cpf:567.748.281-16⟧	⟦date_of_birth:2001-01-08⟧	2023-11-04 06:54:56.982045+00
1004	b5577e04-2dec-4db5-8964-0a1c26f5806c	⟦person_name:李伟⟧	⟦email:liwei.sz@163.com⟧	⟦phone:+86 138 2654 7109⟧	CN	resident_id	⟦cn_resident_id:440305199006189395⟧	⟦date_of_birth:1990-06-18⟧	2023-10-11 15:33:26.324965+00
1005	63e3969e-0a1e-4a74-88bb-887bf7dd5035	⟦person_name:Wang Fang⟧	⟦email:fang.wang1985@qq.com⟧	⟦phone:+86 139 1782 0043⟧	CN	resident_id	⟦cn_resident_id:310104198511021963⟧	⟦date_of_birth:1985-11-02⟧	2023-11-05 06:43:52.427820+00
1006	23e6865b-8165-44f1-be92-725af05b74b7	⟦person_name:Chen Jiahao⟧	⟦email:jiahao.chen00@outlook.com⟧	⟦phone:+86 181 0284 6357⟧	CN	resident_id	⟦cn_resident_id:510107200002295508⟧	⟦date_of_birth:2000-02-29⟧	2023-10-08 09:05:30.834091+00
1007	cbbbb424-152a-455c-8d5b-8b3484a76f9d	⟦person_name:Émilie Tremblay⟧	⟦email:emilie.tremblay@videotron.ca⟧	⟦phone:+1 514 826 3391⟧	CA	sin	⟦ca_sin:973 988 843⟧	⟦date_of_birth:1979-07-12⟧	2023-09-12 18:40:16.530439+00
1008	2a6d9669-6739-4efb-92a7-4f63d2af0db7	⟦person_name:Darnell Fraser⟧	⟦email:dfraser.yyz@rogers.com⟧	⟦phone:(416) 703-5528⟧	CA	sin	⟦ca_sin:146867031⟧	⟦date_of_birth:1995-03-25⟧	2023-11-09 07:37:19.599770+00
1009	f9339be9-d4dc-412e-8248-ca3ef0d36d99	⟦person_name:Rosa Elena Quispe⟧	⟦email:rquispe.nyc@yahoo.com⟧	⟦phone:+1 718 465 0092⟧	US	itin	⟦us_itin:974645133⟧	⟦date_of_birth:1983-10-05⟧	2023-03-15 14:27:08.561705+00
1010	6c6c37c4-de8c-48b8-b74c-d7b945a50219	⟦person_name:Paulo Henrique Dias⟧	⟦email:phdias@terra.com.br⟧	\N	BR	cpf	93517977245	\N	2023-08-09 04:23:19.673581+00
1011	dad07402-fbda-482f-9893-3d965cf77197	Loja Teste Homologação	⟦?email:qa+br@smartcasa.com.br⟧	\N	BR	cnpj	11.222.333/0001-81	\N	2023-06-23 23:20:27.228534+00
1012	50ef5d93-06e0-4c93-9c72-2a0218bd9fb2	⟦person_name:Zhao Lei⟧	⟦email:zhaolei88@sina.com⟧	\N	CN	resident_id	110105197803090771	\N	2023-12-25 22:24:54.304864+00
\.

--
-- Data for Name: addresses; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.addresses (id, customer_id, line1, line2, city, region, postal_code, country, lat, lon) FROM stdin;
5001	1001	⟦street_address:Rua Harmonia, 1250⟧	apto 82	São Paulo	SP	⟦postal_code:05435-001⟧	BR	⟦geo_coordinates:-23.556210⟧	⟦geo_coordinates:-46.688412⟧
5002	1004	⟦street_address:南山区科技园南区粤海街道高新南七道 18 号⟧	3 栋 1502	深圳市	广东省	⟦postal_code:518057⟧	CN	\N	\N
5003	1007	⟦street_address:4820 rue Saint-Denis⟧	app. 3	Montréal	QC	⟦postal_code:H2J 2L6⟧	CA	⟦geo_coordinates:45.526741⟧	⟦geo_coordinates:-73.584903⟧
5004	1009	⟦street_address:37-19 82nd St⟧	Apt 4F	Jackson Heights	NY	⟦postal_code:11372⟧	US	\N	\N
5005	1011	⟦?street_address:Av. Paulista, 1000⟧	Centro de Distribuição	São Paulo	SP	⟦?postal_code:01310-100⟧	BR	\N	\N
\.

--
-- Data for Name: payment_methods; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.payment_methods (id, customer_id, brand, card_number, psp_token, exp_month, exp_year, is_test) FROM stdin;
7001	1001	visa	⟦credit_card:4466060220180494⟧	tok_cqghP5cCNy5Bdmw71EAJoJQT	12	2026	f
7002	1002	mastercard	⟦credit_card:5322 1836 2852 6190⟧	tok_hifvzpg1cMpfhzTcqymA2YoA	1	2026	f
7003	1007	amex	⟦credit_card:348873116666406⟧	tok_WFrySMaPEvkB2wU0f1m5Qc6S	7	2030	f
7004	1008	mastercard	⟦credit_card:2230-9802-3338-6409⟧	tok_cZnI2q9tR5iMss1WNdf5RXML	12	2026	f
7005	1005	jcb	⟦credit_card:3552232133538145⟧	tok_64WBebogYYJebK6qsq7wYifB	3	2028	f
7006	1011	visa	⟦?credit_card:4111111111111111⟧	tok_O5aae5FnjTFCmwFqTqtyddd6	4	2027	t
7007	1011	mastercard	⟦?credit_card:5555555555554444⟧	tok_9YJyO7QoIO9Nf7X5ZwTAd255	12	2028	t
7008	1003	visa	4563305954490740	tok_G05hjVLOirW9rFS2vG7XZV3p	12	2028	f
7009	1009	visa	\N	tok_REihQfVw9vAkXF1mVBsDDZIT	10	2026	f
\.

--
-- Data for Name: devices; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.devices (id, customer_id, model, serial_no, firmware, mac, last_seen_ip, last_seen_at) FROM stdin;
9101	1001	SmartPlug SP-20	SP20-2311-004417	3.4.11	⟦mac_address:0c:71:e2:5e:24:04⟧	⟦ipv4:189.34.201.77⟧	2024-04-05 06:29:31+00
9102	1002	Câmera Externa CX-4	CX4-2309-118204	2.0.7	⟦mac_address:7c:27:d0:2f:29:2a⟧	⟦ipv6:2804:14c:65a1:8012:b4d1:2fe3:9a40:11c7⟧	2024-04-08 06:50:39+00
9103	1004	Thermostat T3	T3-2401-000912	1.9.0	⟦mac_address:bc:7b:db:bd:03:3e⟧	⟦ipv6:240e:3b4:38a0:1f21:6d2c:e011:47b9:a83d⟧	2024-04-10 14:59:55+00
9104	1008	Doorbell DB-2	DB2-2312-774120	4.1.3	⟦mac_address:14:47:89:14:02:4f⟧	⟦ipv4:24.114.67.201⟧	2024-04-14 03:15:16+00
9105	\N	SmartPlug SP-20	SP20-2311-009999	3.4.11	00:00:00:00:00:00	127.0.0.1	2024-04-03 02:39:39+00
9106	1011	Hub H1 (bancada QA)	H1-2208-000001	5.0.0-rc.2	ff:ff:ff:ff:ff:ff	⟦?ipv4:192.168.0.10⟧	2024-04-05 18:37:56+00
\.

--
-- Data for Name: web_sessions; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.web_sessions (session_key, customer_id, client_ip, user_agent, expires_at) FROM stdin;
⟦session_cookie:T5LZ4cxmW929vegPBpr58VdupGFr5Gb2z-eapSlsa8R⟧	1003	⟦ipv4:201.17.88.140⟧	Mozilla/5.0 (Linux; Android 14; moto g84 5G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36	2024-04-21 00:00:00+00
⟦session_cookie:haAW-raGMSIZW8gKLYPFrD7l3K6nrjf8OS0QZlFexNz⟧	1006	⟦ipv4:117.136.38.12⟧	Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN	2024-04-21 00:00:00+00
⟦session_cookie:TzNOXOE6HfcPIRTrYF7NdMqmrnarlxDBBnizwrfh7ie⟧	1007	⟦ipv4:70.53.144.218⟧	Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15	2024-04-21 00:00:00+00
\.

--
-- Data for Name: integrations; Type: TABLE DATA; Schema: public; Owner: shop_owner
--

COPY public.integrations (id, name, endpoint, access_key_id, api_token, notes) FROM stdin;
1	s3-invoices	s3://smartcasa-invoices-prod/br/	⟦aws_access_key:AKIAEK6TF7HGP4LYQZKJ⟧	\N	bucket policy v3; rotated 2024-01-09
2	erp-webhook	⟦url_credentials:https://erp_sync:Q7v!pR2m@erp.smartcasa.com.br/api/webhooks/orders⟧	\N	\N	basic auth, legacy
3	correios-sro	https://api.correios.com.br/token/v1/autentica/cartaopostagem	\N	⟦?bearer_token:OiD8MNB8Q8oSd4PihaDvonLhQiqRA5pekg96OYRW⟧	contrato 9912345678, cartão postagem 0079123456
4	sms-gateway	https://api.zenvia.com/v2/channels/sms/messages	\N	⟦?bearer_token:8jdqTUFGSnLH6ZAFzQQjHMRBTSa5CJcNuFIfOSGv⟧	remetente SMARTCASA
5	legacy-ftp	⟦url_credentials:ftp://nfe_upload:Nf3%232021@ftp.contabil-parceiro.com.br:21/xml/⟧	\N	\N	desativar após migração
6	metrics	http://grafana.internal:3000/d/shop-overview	\N	\N	sem credenciais
7	s3-sandbox	s3://smartcasa-qa/	⟦?aws_access_key:AKIAIOSFODNN7EXAMPLE⟧	\N	chave de exemplo da documentação AWS, não é real
\.

--
-- Name: customers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: shop_owner
--

SELECT pg_catalog.setval('public.customers_id_seq', 1012, true);
SELECT pg_catalog.setval('public.addresses_id_seq', 5005, true);
SELECT pg_catalog.setval('public.payment_methods_id_seq', 7009, true);

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_public_id_key UNIQUE (public_id);
CREATE INDEX idx_sessions_expires ON public.web_sessions USING btree (expires_at);

--
-- PostgreSQL database dump complete
--


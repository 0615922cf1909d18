"""Shared fixtures for the identity-verification test-suite.

Values below were typed in by QA (ticket QA-1187) from the partner sandbox
exports; the "invalid" lists are deliberately broken checksums.
"""
import datetime as dt
import uuid
from decimal import Decimal

import pytest

FROZEN_NOW = dt.datetime(2024, 6, 3, 9, 30, 0, tzinfo=dt.timezone.utc)
FROZEN_EPOCH = 1717407000
FROZEN_EPOCH_MS = 1717407000000
ORDER_UUID = uuid.UUID("0b7e6a52-8d1f-4c3e-9a2b-5f6d7e8c9a01")
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SCHEMA_VERSION = "2.7.0-rc.3+build.1842"
PARTNER_API = "https://sandbox.kyc-partner.example/v1"
PRICE = Decimal("1499.00")
ISBN_13 = "978-0-306-40615-7"
HDFS_BLOCK = "blk_1073741825_1001"
TRACKING = ["1Z999AA10123456784", "9400111899223100012345", "JJD000390007765432181"]


@pytest.fixture
def customer_de():
    return {
        "id": 5001,
        "first_name": "⟦?person_name:Anna-Lena⟧",
        "last_name": "⟦?person_name:Becker-Schulz⟧",
        "full_name": "⟦person_name:Anna-Lena Becker-Schulz⟧",
        "email": "⟦email:annalena.becker-schulz@t-online.de⟧",
        "phone": "⟦phone:0151 2345 6789⟧",
        "date_of_birth": dt.date(⟦?date_of_birth:1990, 5, 17⟧),
        "street": "⟦street_address:Maximilianstraße 12a⟧",
        "postal_code": "⟦postal_code:80539⟧",
        "city": "München",
        "steuer_id": "⟦de_tax_id:36245689672⟧",
        "iban": "⟦?iban:DE89 3704 0044 0532 0130 00⟧",
        "created_at": FROZEN_NOW,
    }


@pytest.fixture
def customer_placeholder():
    # RFC 2606 placeholder data, used only for the e-mail template snapshots
    return {
        "full_name": "⟦?person_name:Jane Doe⟧",
        "email": "⟦?email:jane.doe@example.com⟧",
        "phone": "⟦?phone:+1 555 0100⟧",
        "ip": "⟦?ipv4:192.0.2.44⟧",
    }


@pytest.fixture
def customer_es():
    return dict(
        full_name="⟦person_name:Íñigo Etxeberria Goikoetxea⟧",
        email="⟦email:inigo.etxeberria@euskaltel.net⟧",
        phone="⟦phone:+34 944 23 51 07⟧",
        dni="⟦es_dni:45432899X⟧",
        born=dt.date(⟦?date_of_birth:1979, 12, 2⟧),
        address=("⟦street_address:Calle Ercilla 24, 2º dcha⟧", "⟦postal_code:48011⟧", "Bilbao"),
    )


@pytest.fixture
def auth_headers():
    return {
        "Authorization": "Bearer ⟦bearer_token:fOH5ZQ4OwnkiMbI9MavWeEJ1qZPW7fNJkclBHJlZ⟧",
        "Cookie": "sessionid=⟦session_cookie:86f0ec5ef73fa6724d6fbb736d2ebfef⟧; csrftoken=Xq7Wv2Lk9PzR4tYb1Nc8Md3Hs6Gf0Ja5",
        "X-Request-Id": "req_01HZXA9B8C7D6E5F4G3H2J1K0M",
    }


VALID_IBANS = [
    "⟦iban:GB37NWBK60161384412017⟧",
    "⟦iban:PL13 3722 4032 8099 7070 1343 0671⟧",
    "⟦iban:BE09458713231864⟧",
    "⟦iban:CH90 0076 2281 5423 7518 0⟧",
    "⟦iban:PT25000201237837523463202⟧",
    "⟦iban:SE84 0079 0688 0860 5066 0070⟧",
    "⟦iban:DK3773053902503740⟧",
    "⟦iban:FI05 6095 5691 1361 08⟧",
    "⟦iban:NO3067705461441⟧",
    "⟦iban:LU16 0019 8012 5382 5515⟧",
    "⟦iban:BR8867115066475320885673241C1⟧",
]
INVALID_IBANS = [
    "DE85100100105614053235",  # check digits off by 3
    "FR0920041010052691595641906",
    "GB57NWBK60161397844368",
    "ES5121000418653670301592",
    "NL25ABNA8172900840",
    "XX00123456789",  # unknown country
]

VALID_CARDS = [
    "⟦credit_card:4954255503491068⟧",
    "⟦credit_card:5229 1052 4185 7557⟧",
    "⟦credit_card:349159564190696⟧",
    "⟦credit_card:2300-6140-5323-5264⟧",
]
INVALID_CARDS = [
    "4954255503491064",  # Luhn fails
    "5637956309454635",
    "373826060586516",
    "1234567812345678",
    "4000 0000 0000 0001",
    "0000000000000000",
]

VALID_NATIONAL_IDS = {
    "us_ssn": ["⟦us_ssn:553-07-4925⟧", "⟦us_ssn:367825298⟧"],
    "us_itin": ["⟦us_itin:987-88-1394⟧", "⟦us_itin:998-90-7665⟧"],
    "uk_nino": ["⟦uk_nino:CE752346B⟧", "⟦uk_nino:JG 20 26 87 C⟧"],
    "uk_nhs": ["⟦uk_nhs:6130562403⟧", "⟦uk_nhs:665 627 8558⟧"],
    "fr_nir": ["⟦fr_nir:178071375989959⟧"],
    "es_nie": ["⟦es_nie:Y1764428C⟧", "⟦es_nie:Z2667604T⟧"],
    "nl_bsn": ["⟦nl_bsn:226786730⟧"],
    "pl_pesel": ["⟦pl_pesel:02240985730⟧"],
    "br_cpf": ["⟦br_cpf:572.526.143-36⟧"],
    "in_aadhaar": ["⟦in_aadhaar:235581176627⟧"],
    "cn_resident_id": ["⟦cn_resident_id:440305197901273877⟧"],
    "au_tfn": ["⟦au_tfn:795748248⟧"],
    "ca_sin": ["⟦ca_sin:127051795⟧"],
}
INVALID_NATIONAL_IDS = {
    "us_ssn": ["000-12-3456", "666-45-6789", "912-34-5678", "123-00-4567", "123-45-0000"],
    "uk_nino": ["QQ123456C", "BG123456A", "DF 12 34 56 A"],
    "uk_nhs": ["9086770545", "7144198018"],
    "fr_nir": ["185037523511238"],
    "es_dni": ["95304995A", "31346842A"],
    "nl_bsn": ["331148071", "233455200"],
    "pl_pesel": ["84061762090", "91020335847"],
    "br_cpf": ["155.772.224-29", "111.111.111-11"],
    "in_aadhaar": ["846032791316", "1234 5678 9012"],
    "cn_resident_id": ["110105198604123795"],
    "au_tfn": ["556174071", "123456789"],
    "ca_sin": ["517619000", "⟦?ca_sin:046 454 286⟧"],
    "de_tax_id": ["90670380511", "12345678901"],
    "it_fiscal_code": ["RSSMRA85C12H501Z"],
}

PHONE_FORMATS = [
    ("⟦phone:+44 20 7946 0123⟧", "GB"),
    ("⟦phone:+49 (0)89 2180 4471⟧", "DE"),
    ("⟦phone:+33 (0)6 45 91 27 80⟧", "FR"),
    ("⟦phone:+55 (21) 99876-5432⟧", "BR"),
    ("⟦phone:+86 10 6552 9988⟧", "CN"),
    ("⟦phone:+1-202-555-0165⟧", "US"),
]
NOT_PHONES = ["2024-06-03", "10:42:17", "v1.20.304", "⟦?ipv4:192.168.0.1⟧", "ISBN 978-0-306-40615-7", "1717407000"]


@pytest.fixture
def signup_payload():
    return {
        "username": "⟦username:pedro_alvares82⟧",
        "email": "⟦email:pedro.alvares82@gmail.com⟧",
        "password": "correct horse battery staple",
        "dob": "⟦date_of_birth:1982-04-22⟧",
        "accept_tos_version": "2024-01",
        "captcha": "03AFcWeA5q1h7K2m9P4r8T6w0Y3z",
    }


@pytest.fixture
def upstream_token():
    return "⟦jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyX2lkIjo3NzEyMywic2NvcGUiOiJyZWFkIHdyaXRlIiwiZXhwIjoxNzIwMDAxMjM0fQ.8i-5inpbiK-uxdyH1wwFWTl9A36px1gPYnXn4WxSBc0⟧"


@pytest.fixture
def device_fingerprint():
    return {
        "mac": "⟦mac_address:5c:e9:1e:8a:33:d4⟧",
        "ipv6": "⟦ipv6:2a00:23c7:9d84:d201:44ab:19ff:fe22:c3e0⟧",
        "os_build": "10.0.19045.4412",
        "gpu": "Apple M3 Pro (18-core)",
        "screen": "3024x1964@2.0",
    }

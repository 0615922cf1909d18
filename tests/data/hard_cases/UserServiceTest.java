package com.acme.users.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression tests for ticket USR-2291 (duplicate e-mail on re-registration).
 *
 * @author ⟦person_name:Tomasz Wójcik⟧ &lt;⟦email:tomasz.wojcik@acme.io⟧&gt;
 * @since 2.14.0
 */
class UserServiceTest extends AbstractIntegrationTest {

    private static final long serialVersionUID = -3042686055658047285L;
    private static final UUID TENANT_ID = UUID.fromString("9b2d7c0e-3a41-4f6b-8e5d-1c2b3a4d5e6f");
    private static final Instant NOW = Instant.parse("2024-06-03T09:14:02.117Z");
    private static final long NOW_MILLIS = 1717406042117L;
    private static final String GIT_COMMIT = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    private static final String DB_IMAGE = "postgres:15.6-alpine3.19";
    private static final int WIREMOCK_PORT = 18089;
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final BigDecimal CREDIT_LIMIT = new BigDecimal("2500.00");

    private static final String VALID_TOKEN =
        "⟦jwt:eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDQyIiwiZW1haWwiOiJrLm5ha2FtdXJhQGV4YW1wbGUub3JnIiwicm9sZXMiOlsiYWRtaW4iXSwiaWF0IjoxNzE4MDAwMDAwfQ.Ag3iTZI4TlPs9-E124wOcI16Gfq15J9BhOLRtXxLUOg⟧";
    private static final String MALFORMED_TOKEN = "eyJhbGciOiJub25lIn0.not-a-payload";

    private User alice() {
        return User.builder()
            .id(918273L)
            .fullName("⟦person_name:Alessandra Conti⟧")
            .email("⟦email:alessandra.conti@fastwebnet.it⟧")
            .phone("⟦phone:+39 347 882 1045⟧")
            .birthDate(LocalDate.parse("⟦date_of_birth:1988-04-27⟧"))
            .fiscalCode("⟦it_fiscal_code:GLLLSE88D67L736E⟧")
            .iban("⟦?iban:IT60X0542811101000000123456⟧")
            .build();
    }

    private User bob() {
        return User.builder()
            .id(918274L)
            .fullName("⟦person_name:Bartosz Lewandowski⟧")
            .email("⟦email:bartosz.lewandowski@o2.pl⟧")
            .phone("⟦phone:+48 691 204 377⟧")
            .birthDate(LocalDate.of(⟦?date_of_birth:1975, 11, 28⟧))
            .pesel("⟦pl_pesel:75112879143⟧")
            .iban("⟦?iban:PL61109010140000071219812874⟧")
            .build();
    }

    @Test
    @DisplayName("re-registration with same e-mail returns 409, not 500")
    void duplicateEmailReturnsConflict() throws Exception {
        when(userRepository.existsByEmail("⟦email:alessandra.conti@fastwebnet.it⟧")).thenReturn(true);

        mockMvc.perform(post("/api/v2/users")
                .header("Authorization", "Bearer " + VALID_TOKEN)
                .header("X-Forwarded-For", "⟦ipv4:151.19.122.87⟧")
                .cookie(new Cookie("JSESSIONID", "⟦session_cookie:7O6BDCQ6TJRKDOAET8XKP9FFYO3NFBIS⟧"))
                .contentType("application/json")
                .content("""
                    {"fullName": "⟦person_name:Alessandra Conti⟧",
                     "email": "⟦email:alessandra.conti@fastwebnet.it⟧",
                     "birthDate": "⟦date_of_birth:1988-04-27⟧"}
                    """))
            .andExpect(status().isConflict());
    }

    @Test
    void adminEndpointRequiresApiKey() throws Exception {
        mockMvc.perform(get("/internal/users/918274/export")
                .header("Authorization", "Bearer ⟦bearer_token:tGm7oqfzWKEZGWspqrRfqEzlwt6w1Nyj12Zjiril⟧"))
            .andExpect(status().isOk());
    }

    @Test
    void legacyClientUsesBasicAuthInUrl() {
        var client = new LegacyCrmClient("https://⟦url_credentials:crm-sync:Wint3r!2024@crm.legacy.acme.local⟧:8443/soap/v1");
        assertThat(client.host()).isEqualTo("crm.legacy.acme.local");
        assertThat(client.port()).isEqualTo(8443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSSMRA85C12H501Z", "VRDGPP72R30L219Z", "ABCDEF12G34H567I", "0000000000000000"})
    void rejectsInvalidFiscalCodes(String cf) {
        assertThat(FiscalCodeValidator.isValid(cf)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"⟦it_fiscal_code:CLMLCU67E09G273R⟧", "⟦it_fiscal_code:MRNNDR80M02F839A⟧"})
    void acceptsValidFiscalCodes(String cf) {
        assertThat(FiscalCodeValidator.isValid(cf)).isTrue();
    }

    @Test
    void geoFenceKeepsCustomerInsideDeliveryZone() {
        var home = new GeoPoint(⟦geo_coordinates:45.464211, 9.191383⟧);
        var depot = new GeoPoint(45.5, 9.2);
        assertThat(geo.distanceKm(home, depot)).isLessThan(5.0);
    }

    @Test
    void masksCardNumbersInAuditLog() {
        var entry = audit.record("card_added", "⟦credit_card:5445 3269 5294 0758⟧");
        assertThat(entry.payload()).isEqualTo("544532******0758");
        assertThat(entry.checksum()).isEqualTo("sha1:2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
    }

    @Test
    void addressIsNormalised() {
        var a = Address.parse("⟦street_address:Via Monte Napoleone 8⟧, ⟦postal_code:20121⟧ Milano MI");
        assertThat(a.city()).isEqualTo("Milano");
        assertThat(List.of("v1.2.3", "1.2.3.4", "10.0.19045.4412")).doesNotContain(a.zip());
    }

    @Test
    void awsCredentialsAreNeverLogged() {
        var creds = new StaticCredentials("⟦aws_access_key:AKIAWULA65GBIVNCTTFH⟧", "hS7x/9Pq2Lr+Tz4Vn8Mb1Kc6Ja0Yd3Wf5Eg7Hi9U");
        assertThat(logCapture.lines()).noneMatch(l -> l.contains(creds.accessKeyId()));
    }
}

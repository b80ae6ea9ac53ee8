package io.tagger.inferenceservice;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tagger.testing.KafkaResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The inference service describes its API at /q/openapi (public) with its real paths, security
 * schemes and problem details, serves Swagger UI, and the document is the one committed in
 * docs/api/inference.yaml: a change to the API that is not committed there fails here
 * ({@code ./mvnw -pl inference-service test -Dtest=OpenApiTest -Dtagger.openapi.write=true} rewrites it).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class OpenApiTest {
    static final Path COMMITTED = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs/api/inference.yaml");

    @Test
    void theDocumentListsTheRealPathsAndIsTheCommittedOne() throws Exception {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/tracks", "/tracks/{id}/tags", "/tracks/{id}/versions", "/tracks/{id}/status"))
                .body("paths.'/tracks/{id}/tags'.get.responses.'404'.content.'application/problem+json'", notNullValue())
                .body("paths.'/tracks/{id}/tags'.get.security", notNullValue())
                .body("components.securitySchemes.keySet()", hasItems("apiKey", "bearer"))
                .body("components.schemas.Problem.properties.keySet()", hasItems("type", "title", "status", "detail", "instance"));
        String served = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("tagger.openapi.write")) {
            Files.writeString(COMMITTED, served);
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED + " exists").isTrue();
        assertThat(served).as("the served OpenAPI document differs from " + COMMITTED
                + "; commit the new one (-Dtagger.openapi.write=true)").isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}

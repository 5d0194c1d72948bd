package vn.bordergate.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.bordergate.client.api.DeclarationsApi;
import vn.bordergate.client.api.GatesApi;
import vn.bordergate.client.model.Cargo;
import vn.bordergate.client.model.CargoCategory;
import vn.bordergate.client.model.DeclarationRequest;
import vn.bordergate.client.model.DeclarationStatus;
import vn.bordergate.client.model.DeclarationView;
import vn.bordergate.client.model.Direction;
import vn.bordergate.client.model.Driver;
import vn.bordergate.client.model.GateView;
import vn.bordergate.client.model.Problem;
import vn.bordergate.client.model.SlotView;
import vn.bordergate.client.model.Vehicle;
import vn.bordergate.support.Fixtures;
import vn.bordergate.support.PackagedService;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A firm's developer's first day: a Java client generated from this build's OpenAPI document (OpenAPI
 * Generator, library "native") books a truck through the packaged service, reads it back, amends it with
 * If-Match, cancels it, and reads a refusal as a typed Problem with its field errors. It only compiles and
 * passes while the contract and the service agree.
 */
class GeneratedClientIT {

    static PackagedService service;
    static ApiClient firm;

    @BeforeAll
    static void start() throws Exception {
        service = PackagedService.start(1, Map.of());
        firm = new ApiClient();
        firm.updateBaseUri("http://localhost:" + service.port(0));
        String token = PackagedService.firm("0100109106");
        firm.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aFirmBooksReadsAmendsAndCancelsWithTheGeneratedClient() throws Exception {
        GatesApi gates = new GatesApi(firm);
        DeclarationsApi declarations = new DeclarationsApi(firm);

        List<GateView> all = gates.listGates();
        assertTrue(all.stream().anyMatch(g -> "HUU_NGHI".equals(g.getCode())), "the gates, typed");
        OffsetDateTime slot = Fixtures.slot(2, 10);
        List<SlotView> slots = gates.listSlots("HUU_NGHI", "EXPORT", slot.toLocalDate().toString());
        SlotView chosen = slots.stream().filter(s -> s.getStart().isEqual(slot)).findFirst().orElseThrow();
        assertTrue(chosen.getAvailable() > 0);

        DeclarationView booked = declarations.declareTruck(UUID.randomUUID().toString(), request(slot));
        assertEquals(DeclarationStatus.BOOKED, booked.getStatus(), "the 201's body, typed");
        assertEquals(Direction.EXPORT, booked.getDirection());

        DeclarationView read = declarations.getDeclaration(booked.getId().toString());
        assertEquals(booked.getReference(), read.getReference());

        DeclarationRequest changed = request(slot);
        vn.bordergate.client.model.AmendRequest amend = new vn.bordergate.client.model.AmendRequest()
                .driver(changed.getDriver().fullName("Trần Thị Bình"));
        DeclarationView amended = declarations.amendDeclaration(booked.getId().toString(), amend,
                "\"" + read.getVersion() + "\"");
        assertEquals("Trần Thị Bình", amended.getDriver().getFullName());
        assertEquals(read.getVersion() + 1, amended.getVersion());

        ApiException stale = assertThrows(ApiException.class, () -> declarations.amendDeclaration(
                booked.getId().toString(), amend, "\"" + read.getVersion() + "\""));
        assertEquals(412, stale.getCode(), "a stale If-Match is refused");

        DeclarationView cancelled = declarations.cancelDeclaration(booked.getId().toString(), null,
                new vn.bordergate.client.model.CancelRequest().reason("Xe hỏng / truck broke down"));
        assertEquals(DeclarationStatus.CANCELLED, cancelled.getStatus());
    }

    @Test
    void aRefusalIsReadAsATypedProblemWithItsFieldErrors() throws Exception {
        DeclarationsApi declarations = new DeclarationsApi(firm);
        DeclarationRequest wrong = request(Fixtures.slot(2, 11));
        wrong.getCargo().addContainerNumbersItem("MSKU9070324");
        ApiException refused = assertThrows(ApiException.class,
                () -> declarations.declareTruck(UUID.randomUUID().toString(), wrong));
        assertEquals(400, refused.getCode());
        Problem problem = firm.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertEquals(400, problem.getStatus());
        assertTrue(problem.getType().endsWith("/problems/validation"), problem.getType());
        assertEquals("cargo.containerNumbers[1]", problem.getErrors().get(0).getField());
    }

    static DeclarationRequest request(OffsetDateTime slot) {
        return new DeclarationRequest()
                .gateCode("HUU_NGHI").direction(Direction.EXPORT).slotStart(slot)
                .vehicle(new Vehicle().plate(Fixtures.newPlate()).trailerPlate("12R-012.34").country(Vehicle.CountryEnum.VN))
                .driver(new Driver().fullName("Nguyễn Văn Ánh").idNumber("001099012345").phone("0912345678"))
                .cargo(new Cargo().category(CargoCategory.FRESH_FRUIT).description("Thanh long ruột đỏ").hsCode("081090")
                        .grossWeightKg(BigDecimal.valueOf(18500)).containerNumbers(new java.util.ArrayList<>(List.of("MSKU9070323")))
                        .customsDeclarationNumbers(List.of("305123456789")));
    }
}

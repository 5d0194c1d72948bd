package vn.bordergate.board;

import vn.bordergate.declaration.validation.VehiclePlate;

/** Plates as shown to the public: enough to recognise your own truck, not enough to track someone else's. */
final class PublicPlates {

    private PublicPlates() {
    }

    static String mask(String plate) {
        for (String country : new String[]{"VN", "CN"}) {
            if (VehiclePlate.canonical(plate, country).isPresent()) {
                return VehiclePlate.masked(plate, country);
            }
        }
        return "***";
    }
}

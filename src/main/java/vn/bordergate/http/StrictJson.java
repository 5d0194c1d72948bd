package vn.bordergate.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** JSON reading that refuses input Jackson would otherwise guess at. */
@Singleton
class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        // By default "direction": 1 silently reads as the second constant (IMPORT): a wrong booking, not an error.
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        // Every string of every body passes here, so a new field cannot forget it: text PostgreSQL cannot store
        // as sent (NUL, half a surrogate pair) is a field error, not a failed insert or a cache that disagrees.
        mapper.registerModule(new SimpleModule("storable-text").addDeserializer(String.class, new StorableStrings()));
    }

    /** Reads strings as usual, refusing any that {@link StorableText} refuses. */
    static final class StorableStrings extends StdScalarDeserializer<String> {

        StorableStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            String fault = value == null ? null : StorableText.fault(value);
            if (fault != null) {
                throw InvalidFormatException.from(parser, fault, value, String.class);
            }
            return value;
        }
    }
}

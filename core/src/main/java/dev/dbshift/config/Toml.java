package dev.dbshift.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;

import java.io.File;
import java.io.IOException;

/**
 * Reads a TOML file into a tree through jackson-dataformat-toml's parser, without an {@code ObjectMapper}:
 * building a mapper (its type factory, date format, caches) was most of the time settings took at every
 * command's start (measured: about 0.2 s of a cold JVM; 0.07 s for the factory and the parse alone), and a
 * settings file needs only the tree. Syntax errors are the parser's, with line and column.
 */
final class Toml {
    private static final TomlFactory FACTORY = new TomlFactory();

    private Toml() {
    }

    static JsonNode readTree(File file) throws IOException {
        try (JsonParser p = FACTORY.createParser(file)) {
            JsonToken first = p.nextToken();
            return first == null ? JsonNodeFactory.instance.objectNode() : node(p);
        }
    }

    /** The value the parser is at, with everything inside it. */
    private static JsonNode node(JsonParser p) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, node(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(node(p));
                }
                return a;
            }
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return nodes.numberNode(p.getIntValue());
                    case LONG:
                        return nodes.numberNode(p.getLongValue());
                    default:
                        return nodes.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL ? nodes.numberNode(p.getDecimalValue())
                        : nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                // strings, and dates and times (which the parser gives as their text)
                return nodes.textNode(p.getText());
        }
    }
}

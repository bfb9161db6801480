package dev.dbshift.online;

import java.util.List;

/** Names of one set of three change-capture objects (insert, update, delete), e.g. triggers. */
public record TriggerNames(String insert, String update, String delete) {
    public List<String> all() {
        return List.of(insert, update, delete);
    }
}

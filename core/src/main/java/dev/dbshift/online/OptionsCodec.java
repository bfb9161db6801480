package dev.dbshift.online;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a change was started with, as the state row keeps them: what decides the result
 * (renames, unique keys, old table, cut-over, checksum) is the change's own and survives a resume;
 * tuning (chunk time, load limits, the replication lag allowed and the replicas watched) is the resuming
 * invocation's: a replica may have been added, removed or fixed in between, and no replica URL (which may
 * carry credentials) is ever stored.
 */
final class OptionsCodec {

    private OptionsCodec() {
    }

    static String encode(OnlineOptions o) {
        StringBuilder sb = new StringBuilder();
        sb.append("allowUnique=").append(o.allowUnique()).append('\n');
        sb.append("keepOld=").append(o.keepOld()).append('\n');
        sb.append("postponeCutover=").append(o.postponeCutover()).append('\n');
        sb.append("checksum=").append(o.checksum()).append('\n');
        o.renames().forEach((k, v) -> sb.append("rename.").append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** The options a change was started with, over the tuning options of the resuming invocation. */
    static OnlineOptions decode(String text, OnlineOptions base) {
        Map<String, String> renames = new LinkedHashMap<>();
        OnlineOptions o = base;
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            switch (k) {
                case "allowUnique" -> o = o.withAllowUnique(Boolean.parseBoolean(v));
                case "keepOld" -> o = o.withKeepOld(Boolean.parseBoolean(v) || base.keepOld());
                case "postponeCutover" -> o = o.withPostponeCutover(Boolean.parseBoolean(v));
                case "checksum" -> o = o.withChecksum(Boolean.parseBoolean(v));
                default -> {
                    if (k.startsWith("rename.")) {
                        renames.put(k.substring("rename.".length()), v);
                    }
                }
            }
        }
        return o.withRenames(renames);
    }
}

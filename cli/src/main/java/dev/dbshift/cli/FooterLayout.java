package dev.dbshift.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a command's footer (examples, notes, exit codes) within the help width. Picocli wraps a
 * footer line at the width and starts the rest at column 0, which breaks an example's description
 * away from its command and leaves hand-broken prose in ragged pieces. Here an indented line (an
 * example, an exit code) continues under its description column, and consecutive unindented lines
 * are one paragraph, reflowed.
 */
final class FooterLayout implements CommandLine.IHelpSectionRenderer {

    /** Uses this layout for the footer of {@code cl} and of every subcommand below it. */
    static void install(CommandLine cl) {
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, new FooterLayout());
        cl.getSubcommands().values().forEach(FooterLayout::install);
    }

    @Override
    public String render(Help help) {
        String[] footer = help.commandSpec().usageMessage().footer();
        if (footer.length == 0) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        StringBuilder out = new StringBuilder();
        for (String line : paragraphs(footer)) {
            wrap(line, width, out);
        }
        return out.toString();
    }

    /** The footer's lines, with {@code %n} expanded and hand-broken prose joined into one line per paragraph. */
    static List<String> paragraphs(String[] footer) {
        List<String> lines = new ArrayList<>();
        for (String raw : footer) {
            for (String line : raw.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
                lines.add(line);
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int last = out.size() - 1;
            boolean prose = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
            if (prose && last >= 0 && !out.get(last).isEmpty() && !Character.isWhitespace(out.get(last).charAt(0))
                    && !out.get(last).endsWith(":")) {
                out.set(last, out.get(last) + " " + line.strip());
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /** Appends {@code line} wrapped at {@code width}; continuation lines start under the line's description. */
    static void wrap(String line, int width, StringBuilder out) {
        String text = line.stripTrailing();
        int hang = hangingIndent(text);
        boolean first = true;
        while (true) {
            String prefix = first ? "" : " ".repeat(hang);
            String body = first ? text : text.stripLeading();
            if (prefix.length() + body.length() <= width) {
                out.append(prefix).append(body).append(System.lineSeparator());
                return;
            }
            int room = width - prefix.length();
            int cut = body.lastIndexOf(' ', room);
            int minimum = first ? leading(body) + 1 : 1;
            if (cut < minimum) {
                cut = room;
            }
            out.append(prefix).append(body, 0, cut).append(System.lineSeparator());
            text = body.substring(cut);
            first = false;
        }
    }

    /** Where an indented line's description starts (after its first run of two or more spaces), else its indent. */
    static int hangingIndent(String line) {
        int indent = leading(line);
        if (indent == 0) {
            return 0;
        }
        int gap = line.indexOf("  ", indent);
        if (gap < 0) {
            return indent + 2;
        }
        int description = gap;
        while (description < line.length() && line.charAt(description) == ' ') {
            description++;
        }
        return description < line.length() && description <= 48 ? description : indent + 2;
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}

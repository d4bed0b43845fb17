package org.opora.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words in Latin letters a Russian reader would meet in a text, once what is data (names,
 * titles, numbers the users typed or the registry holds), links, addresses and markup are taken out.
 */
public final class LatinWords {

    private static final Pattern LATIN_WORD = Pattern.compile("(?<!\\p{L})[A-Za-z]{2,}(?!\\p{L})");

    private LatinWords() {
    }

    public static List<String> in(String text, Collection<String> data) {
        String rest = text.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("(?s)<style.*?</style>", " ")
                .replaceAll("(?s)<[^>]+>", " ").replaceAll("&#?\\w+;", " ").replaceAll("https?://\\S+", " ")
                .replaceAll("[\\w.+-]+@[\\w.-]+", " ");
        // Longer data first: a user's id contains the name it is made from.
        for (String datum : data.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            rest = rest.replace(datum, " ");
        }
        Matcher latin = LATIN_WORD.matcher(rest);
        List<String> words = new ArrayList<>();
        while (latin.find()) {
            words.add(latin.group());
        }
        return words;
    }
}

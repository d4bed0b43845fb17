package org.opora.organisations;

/**
 * Check digits of the numbers a Russian legal entity is registered under: the 10-digit INN
 * (taxpayer number) and the 13-digit OGRN (state registration number).
 */
public final class RegistryNumbers {

    private static final int[] INN_WEIGHTS = {2, 4, 10, 3, 5, 9, 4, 6, 8};

    private RegistryNumbers() {
    }

    public static boolean isValidInn(String inn) {
        if (inn == null || !inn.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < INN_WEIGHTS.length; i++) {
            sum += INN_WEIGHTS[i] * (inn.charAt(i) - '0');
        }
        return sum % 11 % 10 == inn.charAt(9) - '0';
    }

    public static boolean isValidOgrn(String ogrn) {
        if (ogrn == null || !ogrn.matches("\\d{13}")) {
            return false;
        }
        return Long.parseLong(ogrn.substring(0, 12)) % 11 % 10 == ogrn.charAt(12) - '0';
    }
}

package cn.onenet.platform.pii;

import cn.onenet.contracts.HalfWidth;

/**
 * How personal data is shown to callers: enough to recognise a caller, not enough to misuse it. One form for the
 * requester's fields in routing's views and for the numbers masked in free text ({@link FreeTextNumbers}).
 */
public final class Masking {

    /** 张三 → 张*, 欧阳娜娜 → 欧***. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(1, rest));
    }

    /** 13800138000 → 138****8000; 0571-87654321 → 0571****4321. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = HalfWidth.of(phone).replaceAll("\\D", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        int keepStart = digits.startsWith("0") ? Math.min(4, digits.length() - 4) : 3;
        return digits.substring(0, keepStart) + "****" + digits.substring(digits.length() - 4);
    }

    /** 110101199003071234 → 110***********1234: the area's first three digits and the last four. */
    public static String idNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        if (idNumber.length() < 8) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 3) + "*".repeat(idNumber.length() - 7)
                + idNumber.substring(idNumber.length() - 4);
    }

    private Masking() {
    }
}

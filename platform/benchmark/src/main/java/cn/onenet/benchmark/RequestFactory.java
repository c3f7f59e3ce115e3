package cn.onenet.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic bodies for {@code POST /api/v1/requests}: a random channel of the seven (the call center without an
 * externalId, every other with one unique to this run), a category and community from the target's reference
 * data, a Chinese title and description, an urgency mostly NORMAL and a random mainland mobile number. Not
 * thread-safe: the scheduler thread alone calls it.
 */
final class RequestFactory {

    static final List<String> CHANNELS =
            List.of("PARTY_BUILDING", "LIVELIHOOD", "GOVERNANCE", "COURT", "LAWYER", "POLICE", "HOTLINE");

    private record Text(String title, String description) {
    }

    private static final Map<String, String> EXTERNAL_ID_PREFIX = Map.of(
            "PARTY_BUILDING", "DJ", "LIVELIHOOD", "MS", "GOVERNANCE", "ZZ", "COURT", "FG", "LAWYER", "LS",
            "POLICE", "JW");

    /** Title and description pairs by category code; any other category takes one of {@link #GENERIC}. */
    private static final Map<String, List<Text>> BY_CATEGORY = Map.ofEntries(
            Map.entry("elderly-care", List.of(
                    new Text("独居老人需要助餐服务", "小区里的独居老人行动不便，希望每天有人送餐。"),
                    new Text("老人需要居家照护", "家中老人术后卧床，子女在外地，申请上门照护。"))),
            Map.entry("sanitation", List.of(
                    new Text("垃圾桶满溢无人清运", "单元楼下的垃圾桶已经两天没有清运，气味很大。"))),
            Map.entry("noise", List.of(
                    new Text("夜间施工噪音扰民", "工地晚上十一点后仍在施工，影响居民休息。"))),
            Map.entry("neighbour-dispute", List.of(
                    new Text("楼上漏水邻里纠纷", "楼上卫生间漏水到我家，协商多次未果，请求调解。"))),
            Map.entry("legal-aid", List.of(
                    new Text("申请法律援助", "工伤后单位拒绝赔偿，家庭困难，希望获得法律援助。"))),
            Map.entry("public-security", List.of(
                    new Text("小区门口有可疑人员", "最近几天晚上总有陌生人在小区门口徘徊，请加强巡逻。"))),
            Map.entry("fraud-report", List.of(
                    new Text("接到冒充客服诈骗电话", "有人冒充快递客服要求转账退款，已挂断，特此举报。"))),
            Map.entry("property-management", List.of(
                    new Text("电梯经常故障", "3号楼电梯一周坏了三次，物业维修不及时。"))),
            Map.entry("housing-repair", List.of(
                    new Text("老旧小区屋顶渗水", "顶楼住户屋顶渗水严重，雨天家里到处漏水。"))),
            Map.entry("wage-arrears", List.of(
                    new Text("工资被拖欠三个月", "装修公司拖欠工人三个月工资，多次讨要未果。"))),
            Map.entry("employment", List.of(
                    new Text("咨询就业培训", "失业半年，想了解社区提供的技能培训和就业岗位。"))),
            Map.entry("illegal-construction", List.of(
                    new Text("楼顶违章搭建", "有住户在楼顶搭建阳光房，存在安全隐患。"))),
            Map.entry("party-services", List.of(
                    new Text("党员志愿服务报名", "退休党员希望参加社区的志愿服务活动。"))),
            Map.entry("litigation-guidance", List.of(
                    new Text("咨询诉讼流程", "想起诉欠款不还的朋友，不清楚需要准备哪些材料。"))));

    private static final List<Text> GENERIC = List.of(
            new Text("路灯损坏影响出行", "小区主干道的路灯坏了好几盏，晚上出行很不安全。"),
            new Text("社区活动室开放时间咨询", "想了解社区活动室周末是否开放，如何预约。"),
            new Text("共享单车乱停放", "地铁口共享单车堆放占用盲道，希望及时清理。"),
            new Text("下水道堵塞", "单元楼下水道堵塞，污水外溢，请尽快疏通。"));

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚";

    private final ReferenceData reference;
    private final String runTag;
    private final SplittableRandom random;
    private final JsonMapper json;

    /**
     * @param runTag makes the externalIds of this run unique (letters and digits)
     */
    RequestFactory(ReferenceData reference, String runTag, long seed, JsonMapper json) {
        this.reference = reference;
        this.runTag = runTag;
        this.random = new SplittableRandom(seed);
        this.json = json;
    }

    /** The body of request number {@code sequence}, as a map in the order API.md shows. */
    Map<String, Object> request(long sequence) {
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        ReferenceData.Category category = pick(reference.categories());
        ReferenceData.Community community = pick(reference.communities());
        Text text = pick(BY_CATEGORY.getOrDefault(category.code(), GENERIC));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        if (!channel.equals("HOTLINE")) {
            body.put("externalId", EXTERNAL_ID_PREFIX.get(channel) + "-BENCH-" + runTag + "-" + sequence);
        }
        body.put("category", category.code());
        body.put("title", text.title());
        body.put("description", text.description());
        body.put("urgency", urgency());
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("community", community.code());
        location.put("address", community.name() + (1 + random.nextInt(30)) + "幢" + (1 + random.nextInt(6)) + "单元");
        if (random.nextBoolean()) {
            location.put("latitude", Math.round((30.25 + random.nextDouble() * 0.05) * 1e5) / 1e5);
            location.put("longitude", Math.round((120.12 + random.nextDouble() * 0.06) * 1e5) / 1e5);
        }
        body.put("location", location);
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("name", name());
        requester.put("phone", mobileNumber());
        body.put("requester", requester);
        return body;
    }

    byte[] body(long sequence) {
        return json.writeValueAsBytes(request(sequence));
    }

    /** NORMAL 85 %, URGENT 12 %, EMERGENCY 3 %. */
    private String urgency() {
        int roll = random.nextInt(100);
        return roll < 85 ? "NORMAL" : roll < 97 ? "URGENT" : "EMERGENCY";
    }

    private String name() {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = 1 + random.nextInt(2);
        for (int i = 0; i < given; i++) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /** 11 digits: 1, then 3–9, then nine random digits. */
    private String mobileNumber() {
        // not String.format: it was a sixth of the scheduler thread's CPU
        String digits = Long.toString(1_000_000_000L + random.nextLong(1_000_000_000L));
        return "1" + (3 + random.nextInt(7)) + digits.substring(1);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}

import GonghuiDomain

/// Words for synthetic but plausible organization names.
enum OrgVocabulary {
    /// Names for streets and towns of the kind found in every county (城关, 新华, 石桥…),
    /// not the names of real towns: a real town's name would put it in a district it is not in
    /// (邾城 is 新洲区's, not 江岸区's).
    static let placeNames: [String] = [
        "城关", "城东", "城西", "城南", "城北", "东城", "西城", "南城", "北城", "新城",
        "新华", "建设", "胜利", "解放", "和平", "民主", "人民", "东风", "红星", "光明",
        "新民", "兴华", "长安", "永安", "幸福", "友谊", "团结", "前进", "向阳", "振兴",
        "河东", "河西", "桥东", "桥西", "站前", "园林", "滨江", "滨湖", "江滨", "湖滨",
        "双河", "三河", "石桥", "白沙", "花园", "龙泉", "金山", "柳林", "杨林", "桃园",
        "梅园", "松林", "竹林", "李庄", "王庄", "刘集", "马店", "新店", "古城", "新集",
        "河口", "三里", "五里", "七里", "十里", "高桥", "长岗", "大岭", "平原", "丰收",
        "团山", "红旗", "太平", "安乐", "永丰", "兴隆", "长兴", "南湖", "北湖", "西湖",
        "东岗", "西岗", "南岗", "北岗", "东塘", "西塘", "中和", "复兴", "新港", "沿河",
    ]

    /// Names of residents' communities (社区).
    static let communityNames: [String] = [
        "幸福", "和平", "新华", "建设", "长青", "桃园", "民主", "胜利", "解放", "育才",
        "花园", "友谊", "团结", "向阳", "光明", "锦绣", "翠苑", "兴业", "滨江", "东苑",
        "南苑", "西苑", "北苑", "春晓", "惠民", "百步亭", "三德里", "球场", "丹水池", "塔子湖",
        "复兴", "振兴", "永安", "丽岛", "月湖", "晴川", "凤凰", "书香", "金桥", "红光",
    ]

    /// Characters for company brand names (字号).
    static let brandCharacters: [String] = [
        "华", "信", "恒", "泰", "盛", "鑫", "宏", "达", "丰", "源", "新", "兴", "安", "康",
        "中", "天", "长", "江", "楚", "荆", "汉", "东", "方", "博", "通", "金", "力", "凯",
        "锦", "瑞", "祥", "嘉", "和", "永", "光", "明", "远", "海", "诚", "德", "隆", "昌",
        "正", "宇", "航", "创", "合", "佳", "美", "联", "卓", "越", "汇", "腾", "晟", "楚",
    ]

    /// An industry (GB/T 4754-2017 division) with the words its firms use and the usual
    /// shares of women and migrant workers in it (per mille).
    struct Industry {
        var code: String
        var words: [String]
        var women: Int
        var migrant: Int
        /// Names of branch unions: workshops, departments.
        var departments: [String]
    }

    static let workshops = ["第一车间", "第二车间", "第三车间", "第四车间", "动力车间", "质检部"]
    static let offices = ["综合部", "业务部", "运营部", "技术部", "市场部", "后勤保障部"]

    static let industries: [Industry] = [
        Industry(code: "C34", words: ["机械制造", "重工机械", "精密机械", "通用设备"], women: 220, migrant: 250, departments: workshops),
        Industry(code: "C36", words: ["汽车零部件", "汽车配件", "专用汽车", "车桥"], women: 200, migrant: 220, departments: workshops),
        Industry(code: "C13", words: ["食品", "粮油", "农产品加工", "饲料"], women: 500, migrant: 300, departments: workshops),
        Industry(code: "C18", words: ["服饰", "制衣", "纺织", "针织"], women: 700, migrant: 380, departments: workshops),
        Industry(code: "C26", words: ["化工", "新材料", "精细化工"], women: 250, migrant: 200, departments: workshops),
        Industry(code: "C39", words: ["电子科技", "光电科技", "光电子", "智能科技"], women: 450, migrant: 280, departments: workshops),
        Industry(code: "C30", words: ["建材", "新型建材", "陶瓷"], women: 200, migrant: 300, departments: workshops),
        Industry(code: "E47", words: ["建筑工程", "建设工程", "建筑安装"], women: 120, migrant: 550, departments: ["第一项目部", "第二项目部", "第三项目部", "机关"]),
        Industry(code: "F52", words: ["商贸", "百货", "超市", "商业"], women: 600, migrant: 200, departments: ["第一门店", "第二门店", "配送中心", "采购部"]),
        Industry(code: "G54", words: ["物流", "运输", "客运"], women: 150, migrant: 350, departments: ["车队", "调度中心", "仓储部"]),
        Industry(code: "G60", words: ["快递", "速递", "供应链"], women: 150, migrant: 450, departments: ["第一分拨中心", "第二分拨中心", "揽投部"]),
        Industry(code: "H62", words: ["餐饮管理", "酒店管理", "餐饮服务"], women: 550, migrant: 350, departments: ["前厅部", "厨房", "客房部"]),
        Industry(code: "I65", words: ["信息技术", "软件", "网络科技", "数据科技"], women: 350, migrant: 30, departments: ["研发中心", "产品部", "测试部", "运维部"]),
        Industry(code: "K70", words: ["物业服务", "物业管理", "置业"], women: 450, migrant: 300, departments: ["第一项目部", "第二项目部", "保洁部", "工程部"]),
        Industry(code: "M75", words: ["科技发展", "生物科技", "环保科技"], women: 400, migrant: 60, departments: offices),
        Industry(code: "O80", words: ["家政服务", "保洁服务", "养老服务"], women: 800, migrant: 400, departments: offices),
        Industry(code: "N78", words: ["环境卫生", "园林绿化", "市政工程"], women: 450, migrant: 350, departments: ["第一作业队", "第二作业队", "机关"]),
    ]

    /// Index of the industries a federation of a given trade draws its member firms from.
    static func industryIndex(code: String) -> Int {
        industries.firstIndex { $0.code == code } ?? 0
    }

    /// Departments of a county-level government whose staff form organ unions (机关工会).
    static let organDepartments: [String] = [
        "人民政府办公室", "发展和改革局", "教育局", "财政局", "人力资源和社会保障局", "自然资源和规划局",
        "住房和城乡建设局", "交通运输局", "水利和湖泊局", "农业农村局", "商务局", "文化和旅游局",
        "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "统计局",
        "医疗保障局", "城市管理执法局", "民政局", "司法局", "人民法院", "人民检察院",
        "税务局", "公安分局", "生态环境分局", "档案馆", "机关事务服务中心", "融媒体中心",
    ]

    /// A federation of small employers (工会联合会): its trade, its industry code, and whether
    /// its members work in new forms of employment (couriers, ride-hailing, delivery).
    struct FederationTrade {
        var name: String
        var industry: String?
        var newForms: Bool
    }

    static let federationTrades: [FederationTrade] = [
        FederationTrade(name: "小微企业", industry: nil, newForms: false),
        FederationTrade(name: "小微企业", industry: nil, newForms: false),
        FederationTrade(name: "建筑行业", industry: "E47", newForms: false),
        FederationTrade(name: "快递行业", industry: "G60", newForms: true),
        FederationTrade(name: "网约车行业", industry: "G54", newForms: true),
        FederationTrade(name: "外卖配送行业", industry: "G60", newForms: true),
        FederationTrade(name: "餐饮行业", industry: "H62", newForms: false),
        FederationTrade(name: "物业服务行业", industry: "K70", newForms: false),
        FederationTrade(name: "商贸流通行业", industry: "F52", newForms: false),
        FederationTrade(name: "家政服务行业", industry: "O80", newForms: false),
    ]

    static let chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// "一" … "十", then "11", "12" …
    static func numeral(_ n: Int) -> String {
        n >= 1 && n <= 10 ? chineseNumerals[n - 1] : String(n)
    }
}

"""Every install starts with the vocabularies of docs/vocabularies.md, labelled in all languages."""

from django.db import migrations

LANGUAGES = ("en", "ja", "de", "fr", "es", "ar", "uk")

THEMES = {
    "recruitment": (
        "Recruitment", "採用", "Rekrutierung", "Recrutement", "Contratación", "التوظيف", "Найм",
    ),
    "skills-recognition": (
        "Skills and credential recognition",
        "スキル・資格の認定",
        "Anerkennung von Kompetenzen und Abschlüssen",
        "Reconnaissance des compétences et des diplômes",
        "Reconocimiento de competencias y títulos",
        "الاعتراف بالمهارات والمؤهلات",
        "Визнання навичок і кваліфікацій",
    ),
    "language-support": (
        "Language support", "語学支援", "Sprachförderung", "Soutien linguistique",
        "Apoyo lingüístico", "الدعم اللغوي", "Мовна підтримка",
    ),
    "onboarding": (
        "Onboarding", "オンボーディング", "Einarbeitung", "Intégration des nouvelles recrues",
        "Incorporación", "التهيئة الوظيفية", "Адаптація нових працівників",
    ),
    "mentoring": (
        "Mentoring and buddy schemes",
        "メンタリング",
        "Mentoring und Patenprogramme",
        "Mentorat et parrainage",
        "Mentoría y programas de acompañamiento",
        "الإرشاد وبرامج الزملاء المرافقين",
        "Менторство та наставництво",
    ),
    "visa-and-legal": (
        "Visa and legal status",
        "在留資格・法的手続き",
        "Aufenthaltsstatus und Rechtsfragen",
        "Visa et statut juridique",
        "Visado y situación legal",
        "التأشيرة والوضع القانوني",
        "Віза та правовий статус",
    ),
    "housing": ("Housing", "住居支援", "Wohnen", "Logement", "Vivienda", "السكن", "Житло"),
    "retention-and-career": (
        "Retention and career progression",
        "定着・キャリア形成",
        "Bindung und berufliche Entwicklung",
        "Fidélisation et évolution professionnelle",
        "Retención y desarrollo profesional",
        "الاستبقاء والتطور المهني",
        "Утримання та кар'єрне зростання",
    ),
    "inclusive-culture": (
        "Inclusive workplace culture",
        "インクルーシブな職場づくり",
        "Inklusive Arbeitskultur",
        "Culture de travail inclusive",
        "Cultura laboral inclusiva",
        "ثقافة عمل دامجة",
        "Інклюзивна культура на робочому місці",
    ),
    "partnerships": (
        "Partnerships with NGOs and public bodies",
        "NGO・行政との連携",
        "Partnerschaften mit NGOs und Behörden",
        "Partenariats avec des ONG et des organismes publics",
        "Alianzas con ONG y organismos públicos",
        "الشراكات مع المنظمات غير الحكومية والجهات العامة",
        "Партнерство з НУО та державними органами",
    ),
}

SECTORS = {
    "agriculture": (
        "Agriculture", "農業", "Landwirtschaft", "Agriculture", "Agricultura", "الزراعة",
        "Сільське господарство",
    ),
    "manufacturing": (
        "Manufacturing", "製造業", "Verarbeitendes Gewerbe", "Industrie manufacturière",
        "Industria manufacturera", "الصناعة التحويلية", "Виробництво",
    ),
    "construction": (
        "Construction", "建設業", "Baugewerbe", "Construction", "Construcción", "البناء",
        "Будівництво",
    ),
    "retail": (
        "Retail", "小売業", "Einzelhandel", "Commerce de détail", "Comercio minorista",
        "تجارة التجزئة", "Роздрібна торгівля",
    ),
    "transport-logistics": (
        "Transport and logistics", "運輸・物流", "Transport und Logistik",
        "Transport et logistique", "Transporte y logística", "النقل والخدمات اللوجستية",
        "Транспорт і логістика",
    ),
    "hospitality": (
        "Hospitality", "宿泊・飲食サービス", "Gastgewerbe", "Hôtellerie et restauration",
        "Hostelería", "الضيافة", "Готельно-ресторанна справа",
    ),
    "ict": (
        "Information and communication technology", "情報通信業",
        "Informations- und Kommunikationstechnik",
        "Technologies de l'information et de la communication",
        "Tecnologías de la información y la comunicación", "تكنولوجيا المعلومات والاتصالات",
        "Інформаційно-комунікаційні технології",
    ),
    "finance": (
        "Finance and insurance", "金融・保険業", "Finanz- und Versicherungswesen",
        "Finance et assurance", "Finanzas y seguros", "المالية والتأمين",
        "Фінанси та страхування",
    ),
    "professional-services": (
        "Professional services", "専門サービス業", "Freiberufliche Dienstleistungen",
        "Services professionnels", "Servicios profesionales", "الخدمات المهنية",
        "Професійні послуги",
    ),
    "health-care": (
        "Health and care", "医療・介護", "Gesundheit und Pflege", "Santé et soins",
        "Salud y cuidados", "الصحة والرعاية", "Охорона здоров'я та догляд",
    ),
    "education": (
        "Education", "教育", "Bildung", "Éducation", "Educación", "التعليم", "Освіта",
    ),
    "public-sector": (
        "Public sector", "公共部門", "Öffentlicher Sektor", "Secteur public", "Sector público",
        "القطاع العام", "Державний сектор",
    ),
    "other": ("Other", "その他", "Sonstige", "Autre", "Otro", "أخرى", "Інше"),
}

COMPANY_SIZES = {
    "micro": (
        "Micro (1-9 staff)", "零細（1〜9人）", "Kleinstunternehmen (1–9 Beschäftigte)",
        "Micro-entreprise (1 à 9 salariés)", "Microempresa (1–9 personas)",
        "متناهية الصغر (1–9 موظفين)", "Мікропідприємство (1–9 працівників)",
    ),
    "small": (
        "Small (10-49 staff)", "小規模（10〜49人）", "Kleinunternehmen (10–49 Beschäftigte)",
        "Petite entreprise (10 à 49 salariés)", "Pequeña empresa (10–49 personas)",
        "صغيرة (10–49 موظفًا)", "Мале підприємство (10–49 працівників)",
    ),
    "medium": (
        "Medium (50-249 staff)", "中規模（50〜249人）",
        "Mittleres Unternehmen (50–249 Beschäftigte)",
        "Entreprise moyenne (50 à 249 salariés)", "Mediana empresa (50–249 personas)",
        "متوسطة (50–249 موظفًا)", "Середнє підприємство (50–249 працівників)",
    ),
    "large": (
        "Large (250+ staff)", "大規模（250人以上）", "Großunternehmen (ab 250 Beschäftigten)",
        "Grande entreprise (250 salariés et plus)", "Gran empresa (250 personas o más)",
        "كبيرة (250 موظفًا فأكثر)", "Велике підприємство (250+ працівників)",
    ),
}

PROTECTION_STATUSES = {
    "recognised-refugee": (
        "Recognised refugee", "難民認定者", "Anerkannte Geflüchtete", "Réfugié reconnu",
        "Refugiado reconocido", "لاجئ معترف به", "Визнаний біженець",
    ),
    "complementary-protection": (
        "Complementary protection", "補完的保護対象者", "Subsidiär Schutzberechtigte",
        "Protection subsidiaire", "Protección complementaria", "الحماية التكميلية",
        "Додатковий захист",
    ),
    "asylum-seeker": (
        "Asylum seeker", "難民申請者", "Asylsuchende", "Demandeur d'asile",
        "Solicitante de asilo", "طالب لجوء", "Шукач притулку",
    ),
    "de-facto-refugee": (
        "De facto refugee", "事実上の難民", "De-facto-Geflüchtete", "Réfugié de facto",
        "Refugiado de facto", "لاجئ بحكم الواقع", "Біженець де-факто",
    ),
    "emergency-evacuee": (
        "Emergency evacuee", "避難民", "Evakuierte Person", "Personne évacuée d'urgence",
        "Persona evacuada de emergencia", "نازح تم إجلاؤه في حالة طوارئ",
        "Особа, евакуйована в екстреному порядку",
    ),
}

VOCABULARIES = {
    "Theme": THEMES,
    "Sector": SECTORS,
    "CompanySize": COMPANY_SIZES,
    "ProtectionStatus": PROTECTION_STATUSES,
}


def create_vocabularies(apps, schema_editor):
    for model_name, terms in VOCABULARIES.items():
        model = apps.get_model("casestudies", model_name)
        for order, (slug, labels) in enumerate(terms.items()):
            names = {f"name_{code}": label for code, label in zip(LANGUAGES, labels, strict=True)}
            model.objects.update_or_create(
                slug=slug, defaults={"name": labels[0], "sort_order": order, **names}
            )


class Migration(migrations.Migration):
    dependencies = [("casestudies", "0001_initial")]

    operations = [migrations.RunPython(create_vocabularies, migrations.RunPython.noop)]

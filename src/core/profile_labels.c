/* profile_labels.c: plain-language names of the profile's fields, in
 * English and Hindi, for asking the user for what is missing. */
#include "core/profile.h"

#include <string.h>

static const char *const labels[PF_COUNT][2] = {
    [PF_AS_OF] = {"the date of the assessment", "आकलन की तिथि"},
    [PF_NAME] = {"the enterprise's name", "उद्यम का नाम"},
    [PF_UDYAM] = {"the Udyam registration number", "उद्यम पंजीकरण संख्या"},
    [PF_PAN] = {"the PAN", "पैन"},
    [PF_GSTINS] = {"the GSTINs", "जीएसटीआईएन"},
    [PF_CONSTITUTION] = {"the type of organisation (proprietorship, partnership, company …)",
                         "संगठन का प्रकार (स्वामित्व, साझेदारी, कंपनी …)"},
    [PF_STATUS] = {"whether the unit is new or existing", "इकाई नई है या पहले से चल रही है"},
    [PF_COMMENCED_ON] = {"the date the business started", "व्यवसाय शुरू होने की तिथि"},
    [PF_ACTIVITY] = {"the main activity (manufacturing, services or trading)",
                     "मुख्य गतिविधि (विनिर्माण, सेवा या व्यापार)"},
    [PF_NIC] = {"the NIC code of the activity", "गतिविधि का एनआईसी कोड"},
    [PF_STATE] = {"the state", "राज्य"},
    [PF_DISTRICT] = {"the district", "ज़िला"},
    [PF_AREA] = {"whether the unit is in a rural or urban area", "इकाई ग्रामीण क्षेत्र में है या शहरी"},
    [PF_INVESTMENT] = {"investment in plant, machinery or equipment", "संयंत्र, मशीनरी या उपकरण में निवेश"},
    [PF_TURNOVER] = {"annual turnover", "वार्षिक टर्नओवर"},
    [PF_EXPORTS] = {"annual export turnover", "वार्षिक निर्यात टर्नओवर"},
    [PF_EMPLOYEES] = {"the number of employees", "कर्मचारियों की संख्या"},
    [PF_GST_SCHEME] = {"the GST filing scheme", "जीएसटी रिटर्न योजना"},
    [PF_CLUSTER_ID] = {"the cluster the unit belongs to", "इकाई किस क्लस्टर में है"},
    [PF_CLUSTER_SCHEME] = {"the scheme of the cluster", "क्लस्टर की योजना"},
    [PF_TRADITIONAL] = {"whether it is a traditional industry", "क्या यह पारंपरिक उद्योग है"},
    [PF_ASPIRATIONAL] = {"whether the district is an aspirational district", "क्या ज़िला आकांक्षी ज़िला है"},
    [PF_NER] = {"whether the unit is in the North-East", "क्या इकाई पूर्वोत्तर में है"},
    [PF_ZED_LEVEL] = {"the ZED certification level", "ज़ेड प्रमाणन स्तर"},
    [PF_OWNER_GENDER] = {"the owner's gender", "स्वामी का लिंग"},
    [PF_OWNER_CATEGORY] = {"the owner's social category (general, OBC, SC, ST)",
                           "स्वामी की सामाजिक श्रेणी (सामान्य, अन्य पिछड़ा वर्ग, अनुसूचित जाति, अनुसूचित जनजाति)"},
    [PF_OWNER_AGE] = {"the owner's age", "स्वामी की आयु"},
    [PF_OWNER_EDUCATION] = {"the owner's education", "स्वामी की शिक्षा"},
    [PF_OWNER_DISABLED] = {"whether the owner has a disability", "क्या स्वामी दिव्यांग हैं"},
    [PF_OWNER_EX_SERVICEMAN] = {"whether the owner is an ex-serviceman", "क्या स्वामी पूर्व सैनिक हैं"},
    [PF_OWNER_MINORITY] = {"whether the owner belongs to a minority community",
                           "क्या स्वामी अल्पसंख्यक समुदाय से हैं"},
    [PF_OWNER_SHARE] = {"the owner's share of ownership (%)", "स्वामित्व में स्वामी का हिस्सा (%)"},
    [PF_NEED_PURPOSE] = {"what the money is needed for", "पैसे की ज़रूरत किस लिए है"},
    [PF_NEED_AMOUNT] = {"the amount needed", "ज़रूरी राशि"},
    [PF_HIST_SCHEMES] = {"schemes already availed", "पहले ली गई योजनाएँ"},
    [PF_HIST_LOAN_DEFAULT] = {"whether any loan is in default", "क्या कोई ऋण बकाया (डिफ़ॉल्ट) है"},
    [PF_HIST_TARUN_REPAID] = {"whether a MUDRA Tarun loan was taken and repaid",
                              "क्या मुद्रा तरुण ऋण लेकर चुकाया गया है"},
    [PF_HIST_GST_OVERDUE] = {"how many GST returns are overdue (not filed after their due date)",
                             "कितने जीएसटी रिटर्न बकाया हैं (नियत तिथि के बाद भी दाखिल नहीं)"},
};

const char *profile_field_label(enum profile_field id, bool hindi)
{
    return (unsigned)id < PF_COUNT && labels[id][0] ? labels[id][hindi ? 1 : 0] : "?";
}

/* Names of the vocabulary values people choose from, in the order of the
 * vocabularies in profile.c; NULL where the code itself is plain enough. */
struct value_label {
    enum profile_field field;
    const char *code, *en, *hi;
};

static const struct value_label value_labels[] = {
    {PF_CONSTITUTION, "proprietorship", "Proprietorship (one owner)", "एकल स्वामित्व"},
    {PF_CONSTITUTION, "partnership", "Partnership firm", "साझेदारी फ़र्म"},
    {PF_CONSTITUTION, "llp", "Limited liability partnership", "सीमित देयता साझेदारी"},
    {PF_CONSTITUTION, "private_company", "Private limited company", "प्राइवेट लिमिटेड कंपनी"},
    {PF_CONSTITUTION, "public_company", "Public limited company", "पब्लिक लिमिटेड कंपनी"},
    {PF_CONSTITUTION, "cooperative", "Co-operative society", "सहकारी समिति"},
    {PF_CONSTITUTION, "shg", "Self-help group", "स्वयं सहायता समूह"},
    {PF_CONSTITUTION, "trust", "Trust", "न्यास (ट्रस्ट)"},
    {PF_CONSTITUTION, "society", "Society", "सोसाइटी"},
    {PF_CONSTITUTION, "huf", "Hindu undivided family", "हिंदू अविभाजित परिवार"},
    {PF_STATUS, "proposed", "A new unit, not started yet", "नई इकाई, अभी शुरू नहीं हुई"},
    {PF_STATUS, "existing", "Already running", "पहले से चल रही है"},
    {PF_ACTIVITY, "manufacturing", "Manufacturing", "विनिर्माण"},
    {PF_ACTIVITY, "services", "Services", "सेवा"},
    {PF_ACTIVITY, "trading", "Trading", "व्यापार"},
    {PF_AREA, "rural", "Rural", "ग्रामीण"},
    {PF_AREA, "urban", "Urban", "शहरी"},
    {PF_GST_SCHEME, "regular", "Regular (monthly returns)", "नियमित (मासिक रिटर्न)"},
    {PF_GST_SCHEME, "qrmp", "Quarterly returns (QRMP)", "तिमाही रिटर्न (क्यूआरएमपी)"},
    {PF_GST_SCHEME, "composition", "Composition", "कंपोज़िशन"},
    {PF_GST_SCHEME, "none", "Not registered for GST", "जीएसटी में पंजीकृत नहीं"},
    {PF_OWNER_GENDER, "female", "Woman", "महिला"},
    {PF_OWNER_GENDER, "male", "Man", "पुरुष"},
    {PF_OWNER_GENDER, "transgender", "Transgender", "ट्रांसजेंडर"},
    {PF_OWNER_CATEGORY, "general", "General", "सामान्य"},
    {PF_OWNER_CATEGORY, "obc", "Other Backward Class (OBC)", "अन्य पिछड़ा वर्ग"},
    {PF_OWNER_CATEGORY, "sc", "Scheduled Caste (SC)", "अनुसूचित जाति"},
    {PF_OWNER_CATEGORY, "st", "Scheduled Tribe (ST)", "अनुसूचित जनजाति"},
    {PF_OWNER_EDUCATION, "none", "No schooling", "कोई स्कूली शिक्षा नहीं"},
    {PF_OWNER_EDUCATION, "below_8", "Below class 8", "कक्षा 8 से कम"},
    {PF_OWNER_EDUCATION, "8", "Class 8 passed", "कक्षा 8 पास"},
    {PF_OWNER_EDUCATION, "10", "Class 10 passed", "कक्षा 10 पास"},
    {PF_OWNER_EDUCATION, "12", "Class 12 passed", "कक्षा 12 पास"},
    {PF_OWNER_EDUCATION, "graduate", "Graduate", "स्नातक"},
    {PF_OWNER_EDUCATION, "postgraduate", "Postgraduate", "स्नातकोत्तर"},
    {PF_NEED_PURPOSE, "new_unit", "Starting a new unit", "नई इकाई शुरू करना"},
    {PF_NEED_PURPOSE, "machinery", "Buying machinery", "मशीनरी ख़रीदना"},
    {PF_NEED_PURPOSE, "working_capital", "Working capital", "कार्यशील पूंजी"},
    {PF_NEED_PURPOSE, "export", "Exporting", "निर्यात"},
    {PF_NEED_PURPOSE, "certification", "Certification", "प्रमाणन"},
    {PF_NEED_PURPOSE, "skilling", "Training and skills", "प्रशिक्षण और कौशल"},
    {PF_NEED_PURPOSE, "marketing", "Marketing", "विपणन"},
    {PF_NEED_PURPOSE, "technology", "Technology upgrade", "तकनीक सुधार"},
    {PF_NEED_PURPOSE, "infrastructure", "Infrastructure", "बुनियादी ढांचा"},
    {PF_ZED_LEVEL, "bronze", "Bronze", "कांस्य"},
    {PF_ZED_LEVEL, "silver", "Silver", "रजत"},
    {PF_ZED_LEVEL, "gold", "Gold", "स्वर्ण"},
};

const char *profile_value_label(enum profile_field id, int64_t index, bool hindi)
{
    const char *code = profile_enum_name(id, index);

    if (code == NULL)
        return "?";
    for (size_t i = 0; i < sizeof value_labels / sizeof value_labels[0]; i++)
        if (value_labels[i].field == id && strcmp(value_labels[i].code, code) == 0)
            return hindi ? value_labels[i].hi : value_labels[i].en;
    return code;
}

/* profile_labels.c: plain-language names of the profile's fields, in
 * English and Hindi, for asking the user for what is missing. */
#include "core/profile.h"

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
};

const char *profile_field_label(enum profile_field id, bool hindi)
{
    return (unsigned)id < PF_COUNT && labels[id][0] ? labels[id][hindi ? 1 : 0] : "?";
}

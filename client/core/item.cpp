#include "core/item.h"

#include "core/message.h"

#include <algorithm>

namespace ywtb::core {

const Material* Item::material(const std::string& id) const {
    for (const auto& m : materials)
        if (m.id == id)
            return &m;
    return nullptr;
}

bool Item::allowsWindow(WindowType window) const {
    return std::find(windows.begin(), windows.end(), window) != windows.end();
}

const char* toString(ItemType type) {
    switch (type) {
    case ItemType::Licence:
        return "licence";
    case ItemType::Confirmation:
        return "confirmation";
    case ItemType::Payment:
        return "payment";
    case ItemType::Award:
        return "award";
    case ItemType::Adjudication:
        return "adjudication";
    case ItemType::OtherPower:
        return "other_power";
    case ItemType::PublicService:
        return "public_service";
    }
    return "";
}

const char* toString(WindowType window) {
    switch (window) {
    case WindowType::Universal:
        return "universal";
    case WindowType::Domain:
        return "domain";
    case WindowType::CrossProvince:
        return "cross_province";
    }
    return "";
}

const char* toString(MaterialRequirement requirement) {
    return requirement == MaterialRequirement::Required ? "required" : "secondary";
}

const char* toString(MaterialForm form) {
    switch (form) {
    case MaterialForm::Original:
        return "original";
    case MaterialForm::Copy:
        return "copy";
    case MaterialForm::OriginalAndCopy:
        return "original_and_copy";
    }
    return "";
}

const char* toString(Delivery delivery) {
    switch (delivery) {
    case Delivery::Window:
        return "window";
    case Delivery::Mail:
        return "mail";
    case Delivery::Locker:
        return "locker";
    case Delivery::Electronic:
        return "electronic";
    }
    return "";
}

const char* displayName(ItemType type) {
    switch (type) {
    case ItemType::Licence:
        return N_("administrative licence");
    case ItemType::Confirmation:
        return N_("administrative confirmation");
    case ItemType::Payment:
        return N_("administrative payment");
    case ItemType::Award:
        return N_("administrative award");
    case ItemType::Adjudication:
        return N_("administrative adjudication");
    case ItemType::OtherPower:
        return N_("other administrative power");
    case ItemType::PublicService:
        return N_("public service");
    }
    return "";
}

const char* displayName(WindowType window) {
    switch (window) {
    case WindowType::Universal:
        return N_("universal window");
    case WindowType::Domain:
        return N_("domain window");
    case WindowType::CrossProvince:
        return N_("cross-province window");
    }
    return "";
}

const char* displayName(MaterialForm form) {
    switch (form) {
    case MaterialForm::Original:
        return N_("original");
    case MaterialForm::Copy:
        return N_("copy");
    case MaterialForm::OriginalAndCopy:
        return N_("original and copy");
    }
    return "";
}

} // namespace ywtb::core

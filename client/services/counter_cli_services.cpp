// Counter: the services of the CLI's device, catalogue, scan and print commands, on the counter's own store
// connection and acting as the signed-in staff (ratings, sign, catalogue import|remove, case pdf, print).

#include "devices/printer/printer.h"
#include "services/catalogue_service.h"
#include "services/counter.h"
#include "services/counter_cli.h"
#include "services/print_service.h"
#include "services/rating_service.h"
#include "services/scan_service.h"
#include "services/signature_service.h"
#include "store/local_store.h"

namespace ywtb::services {

core::Expected<RatingService> Counter::ratingService() {
    std::vector<core::Error> errors;
    const auto* indicators =
        needStore(errors) && needCentre(errors) && needCalendar(errors) ? needIndicators(errors) : nullptr;
    if (!indicators)
        return errors.empty() ? storeOf(*this).error() : errors.front();
    RatingService ratings(*m_store, *m_centre, *m_calendar, *m_clock, m_actor);
    ratings.useIndicators(indicators);
    return ratings;
}

core::Expected<SignatureService> Counter::signatures() {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return SignatureService(**opened, *m_clock, m_actor);
}

CatalogueImportResult Counter::importCatalogue(const std::filesystem::path& path) {
    auto opened = storeOf(*this);
    if (!opened)
        return {{}, {opened.error()}};
    return services::importCatalogue(**opened, path, m_actor, *m_clock);
}

core::Expected<core::Done> Counter::removeCatalogueItem(const std::string& code) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return services::removeCatalogueItem(**opened, code, m_actor, *m_clock);
}

core::Expected<std::string> Counter::scannedPagesPdf(const std::string& caseNumber,
                                                     const std::string& materialId) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    return services::scannedPagesPdf(**opened, caseNumber, materialId);
}

core::Expected<PrintOutcome> Counter::printFile(const std::filesystem::path& pdf, const std::string& queue,
                                                int copies) {
    auto opened = storeOf(*this);
    if (!opened)
        return opened.error();
    auto printer = devices::systemPrinter();
    PrintService service(**opened, *printer, *m_clock, m_actor);
    return service.printFile(pdf, queue, copies);
}

} // namespace ywtb::services

// Counter's scanner and the pages of a case's materials (session.h): the scan runs on a worker thread with
// its own store connection; the page edits are the CLI's `pages move|rotate|delete`, through
// store::PageRepository.

#include "devices/scanner/scanner.h"
#include "services/counter.h"
#include "services/counter_devices.h"
#include "store/local_store.h"
#include "store/page_repository.h"

namespace ywtb::services {

core::Expected<ScanOutcome> Counter::scanPages(const ScanRequest& request, ScanListener& listener,
                                               const ScanCancel& cancel) {
    if (request.device.empty())
        return deviceNotConfigured("scanner", "--scanner");
    auto store = store::LocalStore::open(m_dataDir);
    if (!store)
        return store.error();
    auto scanner = devices::systemScanner();
    ScanService service(**store, *scanner, *m_clock, m_actor);
    return service.scan(request, listener, cancel);
}

core::Expected<std::vector<store::PageRecord>> Counter::pages(const std::string& caseNumber,
                                                              const std::string& materialId) {
    return store::PageRepository(*m_store).list(caseNumber, materialId);
}

core::Expected<store::PageRecord> Counter::movePage(const std::string& caseNumber, std::int64_t pageId,
                                                    int position) {
    return store::PageRepository(*m_store).move(caseNumber, pageId, position,
                                                {m_actor.staff, m_actor.window, m_clock->nowUtc()});
}

core::Expected<store::PageRecord> Counter::rotatePage(const std::string& caseNumber, std::int64_t pageId,
                                                      int quarterTurns) {
    return store::PageRepository(*m_store).rotate(caseNumber, pageId, quarterTurns,
                                                  {m_actor.staff, m_actor.window, m_clock->nowUtc()});
}

core::Expected<core::Done> Counter::deletePage(const std::string& caseNumber, std::int64_t pageId) {
    return store::PageRepository(*m_store).remove(caseNumber, pageId,
                                                  {m_actor.staff, m_actor.window, m_clock->nowUtc()});
}

core::Expected<std::string> Counter::pageThumbnail(const store::PageRecord& page) {
    return m_store->blobs().get(page.thumbnailSha256);
}

} // namespace ywtb::services

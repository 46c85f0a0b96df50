#pragma once
// The records a front end reads from the counter facade, by their facade names. The store and the sync engine define
// them (they are what those layers keep and send); a front end names them only through here, so that client/app and
// client/cli include no store/ or sync/ header (DESIGN.md: thin adapters).

#include "store/case_repository.h"
#include "store/document_register.h"
#include "store/page_repository.h"
#include "store/rating_register.h"
#include "store/signature_register.h"
#include "store/sync_state.h"
#include "sync/hall_queue.h"
#include "sync/sync_engine.h"

namespace ywtb::services {

using IssuedDocumentRecord = store::IssuedDocumentRecord;
using OutboxCounts = store::OutboxCounts;
using OutboxEntry = store::OutboxEntry;
using PageRecord = store::PageRecord;
using PoisonedEntry = store::PoisonedEntry;
using RatingQuery = store::RatingQuery;
using RatingRecord = store::RatingRecord;
using SignatureRecord = store::SignatureRecord;

using HallQueue = sync::HallQueue;
using Reachability = sync::Reachability;
using SyncOptions = sync::SyncOptions;
using SyncStatus = sync::SyncStatus;
using Ticket = sync::Ticket;
using TicketAction = sync::TicketAction;

} // namespace ywtb::services

#pragma once
// The WIA 2.0 declarations that MinGW-w64's headers lack (its wia_lh.h has IWiaDevMgr2 and IWiaItem2 but
// not IWiaTransfer; its wiadef.h has the WIA 1.0 property ids only). The Windows SDK's <wia_lh.h> declares
// all of them, so each block here stands aside when the SDK's is present. Values are those of the SDK
// headers (wia_lh.h, wiadef.h of the Windows 10 SDK); included by wia_scanner.cpp only.

#include <wia_lh.h>

#ifndef __IWiaTransfer_INTERFACE_DEFINED__
#define __IWiaTransfer_INTERFACE_DEFINED__
#ifdef __GNUC__ // COM interfaces are released through Release(), never deleted: no virtual destructor
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#endif
MIDL_INTERFACE("c39d6942-2f4e-4d04-92fe-4ef4d3a1de5a")
IWiaTransfer : public IUnknown {
public:
    virtual HRESULT STDMETHODCALLTYPE Download(LONG lFlags, IWiaTransferCallback * pIWiaTransferCallback) = 0;
    virtual HRESULT STDMETHODCALLTYPE Upload(LONG lFlags, IStream * pSource,
                                             IWiaTransferCallback * pIWiaTransferCallback) = 0;
    virtual HRESULT STDMETHODCALLTYPE Cancel() = 0;
    virtual HRESULT STDMETHODCALLTYPE EnumWIA_FORMAT_INFO(IUnknown * *ppEnum) = 0; // IEnumWIA_FORMAT_INFO**
};
#ifdef __GNUC__
#pragma GCC diagnostic pop
#endif
#ifdef __CRT_UUID_DECL
__CRT_UUID_DECL(IWiaTransfer, 0xc39d6942, 0x2f4e, 0x4d04, 0x92, 0xfe, 0x4e, 0xf4, 0xd3, 0xa1, 0xde, 0x5a)
#endif
#endif

#ifndef WIA_TRANSFER_MSG_STATUS
#define WIA_TRANSFER_MSG_STATUS 0x00001
#define WIA_TRANSFER_MSG_END_OF_STREAM 0x00002
#define WIA_TRANSFER_MSG_END_OF_TRANSFER 0x00003
#define WIA_TRANSFER_MSG_DEVICE_STATUS 0x00005
#define WIA_TRANSFER_MSG_NEW_PAGE 0x00006
#endif

#ifndef WIA_IPA_ITEM_CATEGORY
#define WIA_IPA_ITEM_CATEGORY 4125
#endif
#ifndef WIA_IPS_DOCUMENT_HANDLING_SELECT
#define WIA_IPS_DOCUMENT_HANDLING_SELECT WIA_DPS_DOCUMENT_HANDLING_SELECT
#endif
#ifndef WIA_IPS_DOCUMENT_HANDLING_CAPABILITIES
#define WIA_IPS_DOCUMENT_HANDLING_CAPABILITIES WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES
#endif
#ifndef WIA_IPS_PAGES
#define WIA_IPS_PAGES WIA_DPS_PAGES
#endif
#ifndef WIA_IPS_MAX_HORIZONTAL_SIZE
#define WIA_IPS_MAX_HORIZONTAL_SIZE 6165 // thousandths of an inch
#define WIA_IPS_MAX_VERTICAL_SIZE 6166
#endif
#ifndef WIA_ERROR_COVER_OPEN
#define WIA_ERROR_COVER_OPEN MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIA, (BASE_VAL_WIA_ERROR + 16))
#endif
#ifndef WIA_ERROR_MULTI_FEED
#define WIA_ERROR_MULTI_FEED MAKE_HRESULT(SEVERITY_ERROR, FACILITY_WIA, (BASE_VAL_WIA_ERROR + 20))
#endif
#ifndef WIA_RANGE_MIN // the layout of a property's valid values (IWiaPropertyStorage::GetPropertyAttributes)
#define WIA_RANGE_MIN 0
#define WIA_RANGE_NOM 1
#define WIA_RANGE_MAX 2
#define WIA_RANGE_STEP 3
#define WIA_LIST_COUNT 0
#define WIA_LIST_NOM 1
#define WIA_LIST_VALUES 2
#endif

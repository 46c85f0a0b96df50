#pragma once
// The command line of ywtb-counter: --data-dir DIR --staff S --window W (both: no sign-in dialog),
// --demo, --lang zh_CN|en, --server URL [--ca FILE] [--password-file FILE], --idcard / --rating / --signature
// ADDRESS, --scanner NAME, --applicant-screen N, --report-ready [--quit-when-ready] (for bench/). No wx here,
// so it is checked before any window opens.

#include "core/device_config.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ywtb::app {

/// --applicant-screen off.
inline constexpr int kNoApplicantScreen = -2;

struct StartOptions {
    std::filesystem::path dataDir; ///< empty: services::defaultDataDir()
    std::string staff;
    std::string window;
    std::string language; ///< empty: the saved choice, else Chinese
    bool demo = false; ///< demo data: signs in as "demo" at W01 unless told otherwise, reserves number blocks
    std::string server; ///< the central server's address (https://…); empty: work offline, nothing synced
    std::string caFile; ///< the CA that signed the server's certificate, when not the system's
    std::string passwordFile; ///< the staff's password for the server, first line; empty: asked after sign-in
    core::DeviceAddresses devices; ///< each given address replaces forms/devices.json's
    int applicantScreen = -1;      ///< --applicant-screen N: the applicant's window on display N (0: a window
                                   ///< here); -1: as saved; kNoApplicantScreen: none
    bool reportReady = false; ///< print "ready <ms since the process started>" once the window is interactive
    bool quitWhenReady = false; ///< with reportReady: close right after (bench/gui_launch_bench.sh)
    bool help = false;
    std::string problem; ///< a usage error to print
};

StartOptions parseStartOptions(const std::vector<std::string>& args);

struct DirectSignIn {
    std::string staff;
    std::string window;
};
/// Who to sign in without the dialog: both --staff and --window given, or --demo (defaults demo / W01).
std::optional<DirectSignIn> signInWithoutDialog(const StartOptions& options);
/// The --help text (English: it is printed before any catalogue is loaded).
std::string startUsage();

} // namespace ywtb::app

#pragma once
// How long this process has been running, for --report-ready (bench/): the platform's own record of the
// process start where there is one (process_uptime_linux.cpp), so that loading the libraries counts; else
// since this program's static initialisation (process_uptime_portable.cpp).

namespace ywtb::app {

double millisecondsSinceProcessStart();

} // namespace ywtb::app

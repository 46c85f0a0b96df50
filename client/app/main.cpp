// ywtb-counter: the counter client (wxWidgets). See client/app/README.md and docs/gui.md.

#include "app/counter_app.h"
#include "app/start_options.h"

#include <cstdlib>
#include <cstring>
#include <iostream>

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::cout << ywtb::app::startUsage();
            return 0;
        }
#if defined(__WXGTK__)
    // GTK without a display aborts with a terse message; say what to do instead.
    const char* display = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    if ((!display || !*display) && (!wayland || !*wayland)) {
        std::cerr << "ywtb-counter: no display (DISPLAY is not set).\n"
                     "  Run it in a desktop session, or on a machine without a screen under a virtual one:\n"
                     "    xvfb-run -a -s \"-screen 0 1280x1024x24\" "
                  << argv[0] << " ...   (Debian package: xvfb)\n";
        return 2;
    }
#endif
    wxApp::SetInstance(new ywtb::app::CounterApp);
    return wxEntry(argc, argv);
}

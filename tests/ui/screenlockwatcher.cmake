# tst_screenlockwatcher needs a session bus of its own: its main() re-runs itself through
# dbus-run-session unless PAYCRED_DBUS_SESSION says it already runs there, so the plain CTest
# command (and running the binary by hand) is enough. It talks to the bus itself to know its
# match rules are in place before a signal is sent.
if(TARGET tst_screenlockwatcher)
    target_link_libraries(tst_screenlockwatcher PRIVATE Qt6::DBus)
endif()

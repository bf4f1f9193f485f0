# Wiring for the client suites (tst_session, tst_credentialsclient, tst_adminclient,
# tst_usersclient, tst_auditclient): each runs over a real local vault through EmbeddedTransport
# and over RouterTransport, a test double that answers from a TestBackend's router asynchronously
# (the real transports have their own suites), with a tap on what is sent.
foreach(suite tst_session tst_credentialsclient tst_adminclient tst_usersclient tst_auditclient)
    target_sources(${suite} PRIVATE clienttestsupport.h routertransport.h tappedtransport.h)
endforeach()

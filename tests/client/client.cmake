# tst_credentialsclient: the typed client over RouterTransport, a test double that answers from a
# TestBackend's router asynchronously (the real transports have their own suites).
if(TARGET tst_credentialsclient)
    target_sources(tst_credentialsclient PRIVATE routertransport.h)
endif()

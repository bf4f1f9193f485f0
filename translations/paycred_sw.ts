<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sw_KE">
<context>
    <name>CredentialText</name>
    <message>
        <source>Sandbox</source>
        <translation>Majaribio</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Halisi</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>PasswordStrength</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Tumia angalau herufi %n.</numerusform>
            <numerusform>Tumia angalau herufi %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Avoid common words and keyboard patterns such as &quot;password&quot; or &quot;qwerty&quot;.</source>
        <translation>Epuka maneno ya kawaida na mifuatano ya kibodi kama vile &quot;password&quot; au &quot;qwerty&quot;.</translation>
    </message>
    <message>
        <source>Avoid repeating the same characters.</source>
        <translation>Epuka kurudia herufi zilezile.</translation>
    </message>
    <message>
        <source>A longer password, such as a few unrelated words, is stronger.</source>
        <translation>Nenosiri refu zaidi, kama vile maneno machache yasiyohusiana, lina nguvu zaidi.</translation>
    </message>
    <message>
        <source>Mix in capitals, digits or symbols.</source>
        <translation>Changanya herufi kubwa, tarakimu au alama.</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>dhaifu</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>wastani</translation>
    </message>
    <message>
        <source>good</source>
        <translation>nzuri</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>imara</translation>
    </message>
    <message>
        <source>Strength: %1.</source>
        <translation>Nguvu: %1.</translation>
    </message>
</context>
<context>
    <name>ProviderCheckText</name>
    <message>
        <source>Valid</source>
        <translation>Halali</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Zimekataliwa</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Haikufikiwa</translation>
    </message>
    <message>
        <source>Not checkable</source>
        <translation>Haziwezi kukaguliwa</translation>
    </message>
    <message>
        <source>Asking %1 whether the live keys work…</source>
        <translation>Inauliza %1 kama funguo halisi zinafanya kazi…</translation>
    </message>
    <message>
        <source>Asking %1 whether the sandbox keys work…</source>
        <translation>Inauliza %1 kama funguo za majaribio zinafanya kazi…</translation>
    </message>
    <message>
        <source>%1 accepted the live keys: they work.</source>
        <translation>%1 imekubali funguo halisi: zinafanya kazi.</translation>
    </message>
    <message>
        <source>%1 accepted the sandbox keys: they work.</source>
        <translation>%1 imekubali funguo za majaribio: zinafanya kazi.</translation>
    </message>
    <message>
        <source>%1 rejected the live keys: payments with them will fail.</source>
        <translation>%1 imekataa funguo halisi: malipo yatakayozitumia yatashindwa.</translation>
    </message>
    <message>
        <source>%1 rejected the sandbox keys: payments with them will fail.</source>
        <translation>%1 imekataa funguo za majaribio: malipo yatakayozitumia yatashindwa.</translation>
    </message>
    <message>
        <source>%1 could not be asked about the live keys, so they were not judged.</source>
        <translation>%1 haikuweza kuulizwa kuhusu funguo halisi, kwa hivyo hazikukaguliwa.</translation>
    </message>
    <message>
        <source>%1 could not be asked about the sandbox keys, so they were not judged.</source>
        <translation>%1 haikuweza kuulizwa kuhusu funguo za majaribio, kwa hivyo hazikukaguliwa.</translation>
    </message>
    <message>
        <source>The live keys cannot be checked with %1 here.</source>
        <translation>Funguo halisi haziwezi kukaguliwa na %1 hapa.</translation>
    </message>
    <message>
        <source>The sandbox keys cannot be checked with %1 here.</source>
        <translation>Funguo za majaribio haziwezi kukaguliwa na %1 hapa.</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <comment>a check&apos;s result, then the server&apos;s own words (English)</comment>
        <translation>%1 Maelezo (kwa Kiingereza): %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>Last check column: the result, then when it was checked</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keeps payment-provider credentials.</source>
        <translation>Huhifadhi vitambulisho vya watoa huduma za malipo.</translation>
    </message>
    <message>
        <source>Use the local vault at &lt;file&gt; (made on first use).</source>
        <translation>Tumia hifadhi ya ndani iliyo kwenye &lt;faili&gt; (huundwa inapotumiwa mara ya kwanza).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>faili</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AdminTab</name>
    <message>
        <source>Loading…</source>
        <translation>Inapakia…</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AdminWindow</name>
    <message>
        <source>Administration</source>
        <translation>Usimamizi</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Ujumbe</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Muhtasari</translation>
    </message>
    <message>
        <source>All &amp;credentials</source>
        <translation>&amp;Vitambulisho vyote</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Onyesha &amp;upya</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Funga</translation>
    </message>
    <message>
        <source>Signed in as %1, a superuser</source>
        <translation>Umeingia kama %1, msimamizi mkuu</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again in the main window, then press Refresh (F5) here.</source>
        <translation>Kipindi chako kimeisha. Ingia tena kwenye dirisha kuu, kisha bonyeza Onyesha upya (F5) hapa.</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Watumiaji</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>&amp;Kumbukumbu za ukaguzi</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AllCredentialsModel</name>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Mmiliki</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Iliundwa</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ilisasishwa</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Mtumiaji %1 (namba %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AllCredentialsTab</name>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>&amp;Zima</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Futa…</translation>
    </message>
    <message>
        <source>Switch off the owner&apos;s live keys…</source>
        <translation>Zima funguo halisi za mmiliki…</translation>
    </message>
    <message>
        <source>Switch off every live key…</source>
        <translation>Zima kila funguo halisi…</translation>
    </message>
    <message>
        <source>Every credential</source>
        <translation>Kila kitambulisho</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Watoa huduma wote</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>Mazingira yote</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>Inatumika au la</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Inatumika</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Mmiliki</translation>
    </message>
    <message>
        <source>Owner&apos;s name contains…</source>
        <translation>Jina la mmiliki lina…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>a credential (provider and environment) of its owner</comment>
        <translation>%1 cha %2</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>&amp;Washa</translation>
    </message>
    <message>
        <source>Switch off %1&apos;s live keys…</source>
        <translation>Zima funguo halisi za %1…</translation>
    </message>
    <message>
        <source>Matching credentials: %L1</source>
        <translation>Vitambulisho vinavyolingana: %L1</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>Kitambulisho cha %1 kinatumika tena.</translation>
    </message>
    <message>
        <source>Delete credentials</source>
        <translation>Futa vitambulisho</translation>
    </message>
    <message>
        <source>Delete the %1 credentials of %2?</source>
        <translation>Ufute kitambulisho cha %1 cha %2?</translation>
    </message>
    <message>
        <source>Their api key and private key are removed for good, and whatever %1 runs with them stops working. This cannot be undone.</source>
        <translation>Funguo ya api na funguo ya siri zitaondolewa kabisa, na chochote %1 anachoendesha nazo kitaacha kufanya kazi. Hili haliwezi kutenduliwa.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Futa</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>Kitambulisho cha %1 kimefutwa.</translation>
    </message>
    <message>
        <source>%1 has no active live credential: there is nothing to switch off.</source>
        <translation>%1 hana kitambulisho halisi kinachotumika: hakuna cha kuzima.</translation>
    </message>
    <message>
        <source>No live credential is active: there is nothing to switch off.</source>
        <translation>Hakuna kitambulisho halisi kinachotumika: hakuna cha kuzima.</translation>
    </message>
    <message numerus="yes">
        <source>Switch off the %n active live credential(s) of %1?</source>
        <translation>
            <numerusform>Uzime kitambulisho %n halisi kinachotumika cha %1?</numerusform>
            <numerusform>Uzime vitambulisho %n halisi vinavyotumika vya %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch off all %n active live credential(s), of every user?</source>
        <translation>
            <numerusform>Uzime kitambulisho %n halisi kinachotumika, cha kila mtumiaji?</numerusform>
            <numerusform>Uzime vitambulisho vyote %n halisi vinavyotumika, vya kila mtumiaji?</numerusform>
        </translation>
    </message>
    <message>
        <source>Emergency switch</source>
        <translation>Kizima cha dharura</translation>
    </message>
    <message>
        <source>Payments that use these keys stop at once. Their keys are kept: each can be activated again, one by one.</source>
        <translation>Malipo yanayotumia funguo hizi yanasimama mara moja. Funguo zinahifadhiwa: kila moja inaweza kuwashwa tena, moja baada ya nyingine.</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>Zima</translation>
    </message>
    <message numerus="yes">
        <source>%n live credential(s) switched off.</source>
        <translation>
            <numerusform>Kitambulisho %n halisi kimezimwa.</numerusform>
            <numerusform>Vitambulisho %n halisi vimezimwa.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is switched off: marked not to be used for payments. Its keys are kept; its owner can still reveal them.</source>
        <translation>Kitambulisho cha %1 kimezimwa: kimewekwa alama kisitumike kwa malipo. Funguo zake zimehifadhiwa; mmiliki wake bado anaweza kuzionyesha.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditEventModel</name>
    <message>
        <source>Time</source>
        <translation>Muda</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Mtendaji</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Kitendo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Matokeo</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Kitambulisho</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Anwani</translation>
    </message>
    <message>
        <source>Nobody (an unknown user)</source>
        <translation>Hakuna (mtumiaji asiyejulikana)</translation>
    </message>
    <message>
        <source>The system</source>
        <translation>Mfumo</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Mtumiaji %1 (namba %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditExport</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>%1 haiwezi kusomwa: %2.</translation>
    </message>
    <message>
        <source>%1 is not a checkpoint of the audit log (it needs an &quot;id&quot; and a &quot;mac&quot; of 64 hexadecimal digits). Choose the .checkpoint.json file written beside an export.</source>
        <translation>%1 si kituo cha ukaguzi cha kumbukumbu (kinahitaji &quot;id&quot; na &quot;mac&quot; ya tarakimu 64 za heksadesimali). Chagua faili ya .checkpoint.json iliyoandikwa kando ya faili iliyohamishwa.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2. Choose another folder and export again.</source>
        <translation>%1 haiwezi kuandikwa: %2. Chagua folda nyingine kisha uhamishe tena.</translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation>Uhamishaji umesimama: %1</translation>
    </message>
    <message>
        <source>%1 could not be written: %2. Free some space or choose another folder, then export again.</source>
        <translation>%1 haikuweza kuandikwa: %2. Ongeza nafasi au chagua folda nyingine, kisha uhamishe tena.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2. Choose another folder and export again.</source>
        <translation>%1 haikuweza kuandikwa: %2. Chagua folda nyingine kisha uhamishe tena.</translation>
    </message>
    <message>
        <source>the audit log is not intact from event %1 on, so no checkpoint was written. Press Verify log for the details.</source>
        <translation>kumbukumbu za ukaguzi si kamili kuanzia tukio %1, kwa hiyo hakuna kituo cha ukaguzi kilichoandikwa. Bonyeza Thibitisha kumbukumbu kwa maelezo.</translation>
    </message>
    <message>
        <source>the audit log is empty, so there is no checkpoint to write.</source>
        <translation>kumbukumbu za ukaguzi hazina tukio, kwa hiyo hakuna kituo cha ukaguzi cha kuandika.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1; %2</source>
        <translation>
            <numerusform>Tukio %n limehamishwa kwenda %1; %2</numerusform>
            <numerusform>Matukio %n yamehamishwa kwenda %1; %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1, but its checkpoint could not be written: %2. Export again to another folder.</source>
        <translation>
            <numerusform>Tukio %n limehamishwa kwenda %1, lakini kituo chake cha ukaguzi hakikuweza kuandikwa: %2. Hamisha tena kwenda folda nyingine.</numerusform>
            <numerusform>Matukio %n yamehamishwa kwenda %1, lakini kituo chake cha ukaguzi hakikuweza kuandikwa: %2. Hamisha tena kwenda folda nyingine.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1, with its checkpoint in %2. Keep the checkpoint apart: it shows later whether newer events were removed.</source>
        <translation>
            <numerusform>Tukio %n limehamishwa kwenda %1, na kituo chake cha ukaguzi kiko katika %2. Hifadhi kituo hicho mahali pengine: baadaye kinaonyesha kama matukio mapya yaliondolewa.</numerusform>
            <numerusform>Matukio %n yamehamishwa kwenda %1, na kituo chake cha ukaguzi kiko katika %2. Hifadhi kituo hicho mahali pengine: baadaye kinaonyesha kama matukio mapya yaliondolewa.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled: no file was written.</source>
        <translation>Uhamishaji umeghairiwa: hakuna faili iliyoandikwa.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditTab</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Hamisha…</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>&amp;Thibitisha kumbukumbu</translation>
    </message>
    <message>
        <source>Verify against a check&amp;point…</source>
        <translation>Thibitisha dhidi ya kituo cha uka&amp;guzi…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Kumbukumbu za ukaguzi</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Uthibitisho</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Namba ya mtumiaji</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Kitendo</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Vitendo vyote</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Matokeo</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Matokeo yoyote</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>Mazingira yote</translation>
    </message>
    <message>
        <source>Credential id</source>
        <translation>Namba ya kitambulisho</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>Ta&amp;ngu</translation>
    </message>
    <message>
        <source>From (local time)</source>
        <translation>Tangu (saa za hapa)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>Ha&amp;di</translation>
    </message>
    <message>
        <source>Until (local time)</source>
        <translation>Hadi (saa za hapa)</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Tukio:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Muda:</translation>
    </message>
    <message>
        <source>Actor:</source>
        <translation>Mtendaji:</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Kitendo:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Matokeo:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Kitambulisho:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Mtoa huduma:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Mazingira:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Anwani:</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>Maelezo:</translation>
    </message>
    <message>
        <source>Matching events: %L1</source>
        <translation>Matukio yanayolingana: %L1</translation>
    </message>
    <message>
        <source>Select an event to see all of it.</source>
        <translation>Chagua tukio ili kuliona lote.</translation>
    </message>
    <message>
        <source>%1 (%2 UTC)</source>
        <translation>%1 (%2 UTC)</translation>
    </message>
    <message>
        <source>%1 (user id %2)</source>
        <translation>%1 (namba ya mtumiaji %2)</translation>
    </message>
    <message>
        <source>audit-log-%1.csv</source>
        <translation>kumbukumbu-za-ukaguzi-%1.csv</translation>
    </message>
    <message>
        <source>Export the Audit Log</source>
        <translation>Hamisha Kumbukumbu za Ukaguzi</translation>
    </message>
    <message>
        <source>Exporting the audit log to %1…</source>
        <translation>Inahamisha kumbukumbu za ukaguzi kwenda %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Verify against a Checkpoint</source>
        <translation>Thibitisha Dhidi ya Kituo cha Ukaguzi</translation>
    </message>
    <message>
        <source>Verifying the audit log…</source>
        <translation>Inathibitisha kumbukumbu za ukaguzi…</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact and holds every event up to the checkpoint: %n event(s) checked.</source>
        <translation>
            <numerusform>Kumbukumbu za ukaguzi ni kamili na zina kila tukio hadi kituo cha ukaguzi: tukio %n limekaguliwa.</numerusform>
            <numerusform>Kumbukumbu za ukaguzi ni kamili na zina kila tukio hadi kituo cha ukaguzi: matukio %n yamekaguliwa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n event(s) checked, none changed, inserted or removed.</source>
        <translation>
            <numerusform>Kumbukumbu za ukaguzi ni kamili: tukio %n limekaguliwa, hakuna lililobadilishwa, kuongezwa wala kuondolewa.</numerusform>
            <numerusform>Kumbukumbu za ukaguzi ni kamili: matukio %n yamekaguliwa, hakuna lililobadilishwa, kuongezwa wala kuondolewa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is NOT intact: it was changed at event %1 (%n event(s) checked). Events from %1 on cannot be trusted; keep this database as it is and tell whoever runs the server.</source>
        <translation>
            <numerusform>Kumbukumbu za ukaguzi SI kamili: zilibadilishwa kwenye tukio %1 (tukio %n limekaguliwa). Matukio kuanzia %1 hayaaminiki; acha hifadhidata hii kama ilivyo na umjulishe anayeendesha seva.</numerusform>
            <numerusform>Kumbukumbu za ukaguzi SI kamili: zilibadilishwa kwenye tukio %1 (matukio %n yamekaguliwa). Matukio kuanzia %1 hayaaminiki; acha hifadhidata hii kama ilivyo na umjulishe anayeendesha seva.</numerusform>
        </translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Watoa huduma wote</translation>
    </message>
</context>
<context>
    <name>paycred::ui::BackupDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Vinjari…</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Kaulisiri ya nakala</translation>
    </message>
    <message>
        <source>Confirm the backup passphrase</source>
        <translation>Thibitisha kaulisiri ya nakala</translation>
    </message>
    <message>
        <source>Backup file error</source>
        <translation>Hitilafu ya faili ya nakala</translation>
    </message>
    <message>
        <source>Passphrase error</source>
        <translation>Hitilafu ya kaulisiri</translation>
    </message>
    <message>
        <source>Back Up the Vault</source>
        <translation>Tengeneza Nakala ya Hifadhi</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Tengeneza nakala ya hifadhi</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Faili ya nakala</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>Chagua faili ya nakala</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>&amp;Faili ya nakala:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Kaulisiri:</translation>
    </message>
    <message>
        <source>Con&amp;firm passphrase:</source>
        <translation>&amp;Thibitisha kaulisiri:</translation>
    </message>
    <message numerus="yes">
        <source>You need this passphrase to restore the backup. It cannot be recovered: keep it somewhere safe, apart from the file. At least %n characters.</source>
        <translation>
            <numerusform>Utahitaji kaulisiri hii ili kurejesha nakala. Haiwezi kupatikana tena ukiisahau: iweke mahali salama, mbali na faili. Angalau herufi %n.</numerusform>
            <numerusform>Utahitaji kaulisiri hii ili kurejesha nakala. Haiwezi kupatikana tena ukiisahau: iweke mahali salama, mbali na faili. Angalau herufi %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>About the passphrase</source>
        <translation>Kuhusu kaulisiri</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Maendeleo ya kutengeneza nakala</translation>
    </message>
    <message>
        <source>&amp;Back Up</source>
        <translation>Tengeneza &amp;nakala</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>Tengeneza nakala</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <source>Backups are made of a local vault. Sign in to the vault to back it up.</source>
        <translation>Nakala hutengenezwa kutoka kwa hifadhi ya ndani. Ingia kwenye hifadhi ili kuitengenezea nakala.</translation>
    </message>
    <message>
        <source>Save the Backup As</source>
        <translation>Hifadhi Nakala Kama</translation>
    </message>
    <message>
        <source>Choose where to write the backup.</source>
        <translation>Chagua mahali pa kuhifadhi nakala.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>Kaulisiri ni fupi mno: tumia angalau herufi %n.</numerusform>
            <numerusform>Kaulisiri ni fupi mno: tumia angalau herufi %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases do not match. Type the passphrase again.</source>
        <translation>Kaulisiri hizo mbili hazilingani. Andika kaulisiri tena.</translation>
    </message>
    <message>
        <source>Backup written to %1.</source>
        <translation>Nakala imehifadhiwa kwenye %1.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CertificateDialog</name>
    <message>
        <source>Certificate changed</source>
        <translation>Cheti kimebadilika</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Cheti kisichoaminika</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has CHANGED</source>
        <translation>Cheti cha seva KIMEBADILIKA</translation>
    </message>
    <message>
        <source>PayCred does not know the certificate of %1</source>
        <translation>PayCred haikitambui cheti cha %1</translation>
    </message>
    <message>
        <source>You trusted another certificate for %1 before. The server may have been given a new one, or someone may be intercepting the connection. Do not go on unless your administrator confirms the new fingerprint below.</source>
        <translation>Hapo awali uliamini cheti kingine cha %1. Huenda seva imepewa cheti kipya, au huenda mtu anaingilia muunganisho. Usiendelee isipokuwa msimamizi wako athibitishe alama ya kidole mpya iliyo hapa chini.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts, which is usual for a server inside your company. Compare the fingerprint below with the one your administrator gave you, character by character. Trust it only if they are the same.</source>
        <translation>Cheti cha seva hakijatiwa saini na mamlaka inayoaminiwa na kompyuta hii, jambo ambalo ni la kawaida kwa seva iliyo ndani ya kampuni yako. Linganisha alama ya kidole iliyo hapa chini na ile uliyopewa na msimamizi wako, herufi kwa herufi. Kiamini tu ikiwa zinafanana.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Seva:</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Kimetolewa kwa:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Kimetolewa na:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Muda wake unaisha:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Alama ya kidole ya SHA-256:</translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation>Amini cheti kipya</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Amini cheti hiki</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Cancel, do not trust the certificate</source>
        <translation>Ghairi, usiamini cheti</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(haijatajwa)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CertificatePins</name>
    <message>
        <source>Your system keychain is not available, so PayCred keeps the certificates you trusted in a file only you can read, in its data folder.</source>
        <translation>Hifadhi ya funguo za mfumo wako haipatikani, kwa hivyo PayCred inahifadhi vyeti ulivyoviamini katika faili ambalo ni wewe tu unayeweza kulisoma, kwenye folda yake ya data.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ChangePasswordDialog</name>
    <message>
        <source>Current password</source>
        <translation>Nenosiri la sasa</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nenosiri jipya</translation>
    </message>
    <message>
        <source>Confirm the new password</source>
        <translation>Thibitisha nenosiri jipya</translation>
    </message>
    <message>
        <source>Current password error</source>
        <translation>Hitilafu ya nenosiri la sasa</translation>
    </message>
    <message>
        <source>New password error</source>
        <translation>Hitilafu ya nenosiri jipya</translation>
    </message>
    <message>
        <source>Confirmation error</source>
        <translation>Hitilafu ya uthibitisho</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Hitilafu</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Inabadilisha nenosiri…</translation>
    </message>
    <message>
        <source>Change Password</source>
        <translation>Badilisha Nenosiri</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Badilisha nenosiri</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>Nenosiri la &amp;sasa:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Nenosiri &amp;jipya:</translation>
    </message>
    <message>
        <source>Con&amp;firm new password:</source>
        <translation>&amp;Thibitisha nenosiri jipya:</translation>
    </message>
    <message>
        <source>From now on the new password opens the vault. It cannot be recovered: if you forget it, only a backup restores your credentials.</source>
        <translation>Kuanzia sasa, nenosiri jipya ndilo litakalofungua hifadhi. Haliwezi kupatikana tena: ukilisahau, ni nakala pekee itakayorejesha vitambulisho vyako.</translation>
    </message>
    <message>
        <source>Note about the vault password</source>
        <translation>Dokezo kuhusu nenosiri la hifadhi</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Maendeleo</translation>
    </message>
    <message>
        <source>C&amp;hange Password</source>
        <translation>&amp;Badilisha Nenosiri</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>This server does not offer changing the password. Ask its administrator to change it for you.</source>
        <translation>Seva hii haitoi huduma ya kubadilisha nenosiri. Tafadhali mwombe msimamizi wake akubadilishie.</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Weka nenosiri lako la sasa.</translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Weka nenosiri jipya.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one. Choose a different one.</source>
        <translation>Nenosiri jipya ni sawa na la sasa. Chagua jingine.</translation>
    </message>
    <message>
        <source>The two new passwords do not match. Type the new password again.</source>
        <translation>Manenosiri mapya hayo mawili hayalingani. Andika nenosiri jipya tena.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ChangedNotice</name>
    <message>
        <source>Re&amp;load</source>
        <translation>Pakia &amp;upya</translation>
    </message>
    <message>
        <source>Reload the credential</source>
        <translation>Pakia upya kitambulisho</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CredentialDialog</name>
    <message>
        <source>Add payment credential</source>
        <translation>Ongeza kitambulisho cha malipo</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Hariri %1</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>The provider of a credential cannot change: add a new credential for another provider.</source>
        <translation>Mtoa huduma wa kitambulisho hawezi kubadilishwa: ongeza kitambulisho kipya kwa mtoa huduma mwingine.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Funguo ya API</translation>
    </message>
    <message>
        <source>Leave empty to keep the current API key</source>
        <translation>Acha wazi ili kubaki na funguo ya API ya sasa</translation>
    </message>
    <message>
        <source>The API key the provider gave you</source>
        <translation>Funguo ya API uliyopewa na mtoa huduma</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Mtoa huduma:</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>Funguo ya &amp;API:</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Funguo ya siri</translation>
    </message>
    <message>
        <source>The private key the provider gave you</source>
        <translation>Funguo ya siri uliyopewa na mtoa huduma</translation>
    </message>
    <message>
        <source>P&amp;rivate key:</source>
        <translation>Funguo ya &amp;siri:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>Ma&amp;zingira:</translation>
    </message>
    <message>
        <source>A&amp;ctive: payments may use this credential</source>
        <translation>&amp;Inatumika: malipo yanaweza kutumia kitambulisho hiki</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Inatumika</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Inahifadhi…</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Inashughulikia</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Hifadhi</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Hifadhi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>Live keys move real money. Check that they are the live keys your provider gave you before you save.</source>
        <translation>Funguo halisi zinahamisha pesa halisi. Hakikisha kuwa ni funguo halisi ulizopewa na mtoa huduma wako kabla ya kuhifadhi.</translation>
    </message>
    <message>
        <source>Live environment warning</source>
        <translation>Onyo la mazingira halisi</translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation>Chagua mtoa huduma.</translation>
    </message>
    <message>
        <source>Enter the api key.</source>
        <translation>Weka funguo ya API.</translation>
    </message>
    <message>
        <source>Enter the private key.</source>
        <translation>Weka funguo ya siri.</translation>
    </message>
    <message>
        <source>The credential could not be saved. Try again.</source>
        <translation>Imeshindwa kuhifadhi kitambulisho. Jaribu tena.</translation>
    </message>
    <message>
        <source>Someone else changed this credential after you opened it. Reload it to see it as it is now, then save your change again.</source>
        <translation>Mtu mwingine amebadilisha kitambulisho hiki baada ya wewe kukifungua. Kipakie upya ili ukione kilivyo sasa, kisha hifadhi badiliko lako tena.</translation>
    </message>
    <message>
        <source>Environment warning</source>
        <translation>Onyo la mazingira</translation>
    </message>
    <message>
        <source>These look like live %1 keys, but Sandbox is chosen.</source>
        <translation>Hizi zinaonekana kuwa funguo halisi za %1, lakini Majaribio imechaguliwa.</translation>
    </message>
    <message>
        <source>These look like sandbox (test) %1 keys, but Live is chosen.</source>
        <translation>Hizi zinaonekana kuwa funguo za majaribio za %1, lakini Halisi imechaguliwa.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CredentialTableModel</name>
    <message>
        <source>Live</source>
        <translation>Halisi</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Majaribio</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Inatumika</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
    <message>
        <source>Live: these keys move real money.</source>
        <translation>Halisi: funguo hizi zinahamisha pesa halisi.</translation>
    </message>
    <message>
        <source>Sandbox: for testing; no real money moves.</source>
        <translation>Mazingira ya majaribio: kwa ajili ya kujaribu tu; hakuna pesa halisi zinazohamishwa.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Mazingira</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Iliundwa</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ilisasishwa</translation>
    </message>
    <message>
        <source>Inactive: marked not to be used for payments. The keys are kept, and their owner can still reveal and verify them.</source>
        <translation>Haitumiki: kimewekwa alama kisitumike kwa malipo. Funguo zimehifadhiwa, na mmiliki wake bado anaweza kuzionyesha na kuzithibitisha.</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>Ukaguzi wa mwisho</translation>
    </message>
</context>
<context>
    <name>paycred::ui::DesktopApp</name>
    <message numerus="yes">
        <source>PayCred locked itself after %n minute(s) without activity. Sign in to go on.</source>
        <translation>
            <numerusform>PayCred imejifunga baada ya dakika %n bila shughuli. Ingia ili kuendelea.</numerusform>
            <numerusform>PayCred imejifunga baada ya dakika %n bila shughuli. Ingia ili kuendelea.</numerusform>
        </translation>
    </message>
    <message>
        <source>PayCred locked itself when the screen was locked. Sign in to go on.</source>
        <translation>PayCred imejifunga skrini ilipofungwa. Ingia ili kuendelea.</translation>
    </message>
    <message>
        <source>You are logged out.</source>
        <translation>Umetoka kwenye akaunti.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::FieldError</name>
    <message>
        <source>Error</source>
        <translation>Hitilafu</translation>
    </message>
</context>
<context>
    <name>paycred::ui::FileField</name>
    <message>
        <source>PayCred backups (*.paycred-backup);;All files (*)</source>
        <translation>Nakala za PayCred (*.paycred-backup);;Faili zote (*)</translation>
    </message>
    <message>
        <source>PayCred vaults (*.paycred);;All files (*)</source>
        <translation>Hifadhi za PayCred (*.paycred);;Faili zote (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON Lines files (*.jsonl)</source>
        <translation>Faili za CSV (*.csv);;Faili za JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Audit log checkpoints (*.checkpoint.json);;All files (*)</source>
        <translation>Vituo vya ukaguzi wa kumbukumbu (*.checkpoint.json);;Faili zote (*)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::GeneratedPasswordDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Nakili</translation>
    </message>
    <message>
        <source>New Password</source>
        <translation>Nenosiri Jipya</translation>
    </message>
    <message>
        <source>Generated password</source>
        <translation>Nenosiri lililotengenezwa</translation>
    </message>
    <message>
        <source>The password of %1 is shown this once: give it to them in a safe way now. If it is lost, reset it again.</source>
        <translation>Nenosiri la %1 linaonyeshwa mara hii moja tu: mpe kwa njia salama sasa. Likipotea, liweke upya tena.</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>Nakili nenosiri</translation>
    </message>
    <message numerus="yes">
        <source>Copied: cleared in %n s</source>
        <translation>
            <numerusform>Limenakiliwa: litafutwa baada ya sekunde %n</numerusform>
            <numerusform>Limenakiliwa: litafutwa baada ya sekunde %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paycred::ui::KeyEntry</name>
    <message>
        <source>Busy</source>
        <translation>Inashughulikia</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
</context>
<context>
    <name>paycred::ui::LoginWindow</name>
    <message>
        <source>Sign in to PayCred</source>
        <translation>Ingia kwenye PayCred</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Taarifa</translation>
    </message>
    <message>
        <source>&amp;Local vault</source>
        <translation>&amp;Hifadhi ya ndani</translation>
    </message>
    <message>
        <source>Local vault</source>
        <translation>Hifadhi ya ndani</translation>
    </message>
    <message>
        <source>Keep the credentials in an encrypted file on this computer</source>
        <translation>Weka vitambulisho kwenye faili iliyosimbwa kwa njia fiche kwenye kompyuta hii</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Seva</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Seva</translation>
    </message>
    <message>
        <source>Work with the credentials kept on a PayCred server</source>
        <translation>Tumia vitambulisho vilivyohifadhiwa kwenye seva ya PayCred</translation>
    </message>
    <message>
        <source>Open another vault &amp;file…</source>
        <translation>Fungua &amp;faili nyingine ya hifadhi…</translation>
    </message>
    <message>
        <source>Open another vault file</source>
        <translation>Fungua faili nyingine ya hifadhi</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Hitilafu</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Maendeleo</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Anwani ya seva</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Nenosiri</translation>
    </message>
    <message>
        <source>&amp;Remember me</source>
        <translation>Ni&amp;kumbuke</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Nikumbuke</translation>
    </message>
    <message>
        <source>Keep the sign-in in your system keychain, so PayCred opens without the password next time</source>
        <translation>Hifadhi kuingia kwako kwenye hifadhi ya funguo za mfumo, ili PayCred ifunguke bila nenosiri wakati ujao</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Ingia</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Ingia</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Se&amp;va:</translation>
    </message>
    <message>
        <source>Vault file:</source>
        <translation>Faili ya hifadhi:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Jina la mtumiaji:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Nenosiri:</translation>
    </message>
    <message>
        <source>Create your vault</source>
        <translation>Unda hifadhi yako</translation>
    </message>
    <message>
        <source>There is no vault on this computer yet. Choose the name and password you will sign in with.</source>
        <translation>Bado hakuna hifadhi kwenye kompyuta hii. Chagua jina na nenosiri utakalotumia kuingia.</translation>
    </message>
    <message>
        <source>Owner username</source>
        <translation>Jina la mtumiaji la mmiliki</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nenosiri jipya</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Nguvu ya nenosiri</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Thibitisha nenosiri</translation>
    </message>
    <message>
        <source>Why the vault cannot be created yet</source>
        <translation>Sababu hifadhi haiwezi kuundwa bado</translation>
    </message>
    <message>
        <source>If you forget this password, nobody can recover the vault or the keys in it. Keep it somewhere safe.</source>
        <translation>Ukisahau nenosiri hili, hakuna mtu anayeweza kurejesha hifadhi wala funguo zilizomo. Liweke mahali salama.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Onyo</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>&amp;Unda hifadhi</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Unda hifadhi</translation>
    </message>
    <message>
        <source>C&amp;onfirm:</source>
        <translation>&amp;Thibitisha:</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters (%2 more).</source>
        <translation>Nenosiri linahitaji angalau herufi %1 (ongeza %2 zaidi).</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Manenosiri hayo mawili hayalingani.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, starting with https://</source>
        <translation>Weka anwani ya seva, ikianza na https://</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Weka jina lako la mtumiaji.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Weka nenosiri lako.</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Inafungua hifadhi…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Inaingia…</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Inaingia kwenye %1…</translation>
    </message>
    <message>
        <source>Creating the vault (this takes a moment)…</source>
        <translation>Inaunda hifadhi (hii inachukua muda kidogo)…</translation>
    </message>
    <message>
        <source>The username or password is wrong. Check them and try again.</source>
        <translation>Jina la mtumiaji au nenosiri si sahihi. Yakague kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1. Check the address and that the server is running, then try again.</source>
        <translation>Imeshindwa kufikia seva iliyo %1. Kagua anwani na uhakikishe kuwa seva inafanya kazi, kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time. Check your network connection and that the server is running, then try again.</source>
        <translation>Seva iliyo %1 haikujibu kwa wakati. Kagua muunganisho wako wa mtandao na uhakikishe kuwa seva inafanya kazi, kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>You can sign in again now.</source>
        <translation>Sasa unaweza kuingia tena.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait %1 s and try again.</source>
        <translation>Majaribio mengi mno ya kuingia. Subiri sekunde %1 kisha ujaribu tena.</translation>
    </message>
    <message>
        <source>PayCred did not sign in, because the server&apos;s certificate is not trusted.</source>
        <translation>PayCred haikuingia, kwa sababu cheti cha seva hakiaminiki.</translation>
    </message>
    <message>
        <source>Signing you in as %1…</source>
        <translation>Inakuingiza kama %1…</translation>
    </message>
    <message>
        <source>Open a vault file</source>
        <translation>Fungua faili ya hifadhi</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Rejesha nakala…</translation>
    </message>
    <message>
        <source>Restore a vault from a backup file</source>
        <translation>Rejesha hifadhi kutoka kwenye faili ya nakala</translation>
    </message>
    <message>
        <source>The backup was restored to %1. Sign in with the password you had when the backup was made.</source>
        <translation>Nakala imerejeshwa kwenye %1. Ingia kwa nenosiri ulilokuwa nalo nakala ilipotengenezwa.</translation>
    </message>
    <message>
        <source>Unencrypted connection</source>
        <translation>Muunganisho usiosimbwa</translation>
    </message>
    <message>
        <source>%1 is an http:// address: the connection to it is not encrypted.</source>
        <translation>%1 ni anwani ya http://: muunganisho nayo haujasimbwa.</translation>
    </message>
    <message>
        <source>Your password, your session and every key you reveal would travel unencrypted: anyone on the network between you and the server could read them. Use the server&apos;s https:// address instead; connect unencrypted only if your administrator says this network is private.</source>
        <translation>Nenosiri lako, kipindi chako na kila ufunguo unaofichua vingesafiri bila kusimbwa: yeyote aliye kwenye mtandao kati yako na seva angeweza kuvisoma. Tumia anwani ya https:// ya seva badala yake; unganisha bila usimbaji tu ikiwa msimamizi wako anasema mtandao huu ni wa faragha.</translation>
    </message>
    <message>
        <source>Connect unencrypted</source>
        <translation>Unganisha bila usimbaji</translation>
    </message>
    <message>
        <source>PayCred did not sign in: the connection to %1 would not be encrypted. Use the server&apos;s https:// address.</source>
        <translation>PayCred haikuingia: muunganisho na %1 haungesimbwa. Tumia anwani ya https:// ya seva.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::MainWindow</name>
    <message>
        <source>PayCred</source>
        <translation>PayCred</translation>
    </message>
    <message>
        <source>The private key was cleared from the clipboard.</source>
        <translation>Funguo ya siri imefutwa kwenye ubao wa kunakili.</translation>
    </message>
    <message>
        <source>&amp;New credential…</source>
        <translation>Kitambulisho &amp;kipya…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Hariri…</translation>
    </message>
    <message>
        <source>Re&amp;place private key…</source>
        <translation>&amp;Badilisha funguo ya siri…</translation>
    </message>
    <message>
        <source>&amp;Verify private key…</source>
        <translation>&amp;Thibitisha funguo ya siri…</translation>
    </message>
    <message>
        <source>&amp;Copy private key</source>
        <translation>&amp;Nakili funguo ya siri</translation>
    </message>
    <message>
        <source>&amp;Reveal private key…</source>
        <translation>&amp;Onyesha funguo ya siri…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>&amp;Zima</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Futa…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Onyesha &amp;upya</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Tafuta</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>Badilisha &amp;nenosiri…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Mapendeleo…</translation>
    </message>
    <message>
        <source>&amp;Back up vault…</source>
        <translation>Tengeneza &amp;nakala ya hifadhi…</translation>
    </message>
    <message>
        <source>Restore from bac&amp;kup…</source>
        <translation>&amp;Rejesha kutoka kwa nakala…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Funga</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Toka</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Funga &amp;programu</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Njia za mkato za kibodi</translation>
    </message>
    <message>
        <source>&amp;Lock vault</source>
        <translation>&amp;Funga hifadhi</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Faili</translation>
    </message>
    <message>
        <source>&amp;Credential</source>
        <translation>&amp;Kitambulisho</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Akaunti</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Msaada</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Vitambulisho</translation>
    </message>
    <message>
        <source>Filter credentials</source>
        <translation>Chuja vitambulisho</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Chuja (Ctrl+F)</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Funga ujumbe</translation>
    </message>
    <message>
        <source>Your payment credentials</source>
        <translation>Vitambulisho vyako vya malipo</translation>
    </message>
    <message>
        <source>Local vault</source>
        <translation>Hifadhi ya ndani</translation>
    </message>
    <message>
        <source>%1 · signed in as %2</source>
        <translation>%1 · umeingia kama %2</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Inashughulikia</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>&amp;Washa</translation>
    </message>
    <message numerus="yes">
        <source>Clipboard clears in %n s</source>
        <translation>
            <numerusform>Ubao wa kunakili utafutwa baada ya sekunde %n</numerusform>
            <numerusform>Ubao wa kunakili utafutwa baada ya sekunde %n</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>Kitambulisho cha %1 kimeongezwa.</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>Kitambulisho cha %1 kimehifadhiwa.</translation>
    </message>
    <message>
        <source>The private key of %1 was replaced.</source>
        <translation>Funguo ya siri ya %1 imebadilishwa.</translation>
    </message>
    <message>
        <source>%1 is a live key: it moves real money. Enter your password to use it.</source>
        <translation>%1 ni funguo halisi: inahamisha pesa halisi. Weka nenosiri lako ili kuitumia.</translation>
    </message>
    <message numerus="yes">
        <source>The private key is on the clipboard for %n s; it is cleared after that.</source>
        <translation>
            <numerusform>Funguo ya siri iko kwenye ubao wa kunakili kwa sekunde %n; itafutwa baada ya hapo.</numerusform>
            <numerusform>Funguo ya siri iko kwenye ubao wa kunakili kwa sekunde %n; itafutwa baada ya hapo.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>Kitambulisho cha %1 kinatumika tena.</translation>
    </message>
    <message>
        <source>Delete credentials</source>
        <translation>Futa vitambulisho</translation>
    </message>
    <message>
        <source>Delete the %1 credentials?</source>
        <translation>Ungependa kufuta vitambulisho vya %1?</translation>
    </message>
    <message>
        <source>The api key and private key are removed for good, and whatever uses them stops working. This cannot be undone.</source>
        <translation>Funguo ya API na funguo ya siri zitaondolewa kabisa, na chochote kinachozitumia kitaacha kufanya kazi. Hatua hii haiwezi kutenduliwa.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Futa</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>Kitambulisho cha %1 kimefutwa.</translation>
    </message>
    <message>
        <source>Your password was changed. Use the new one from now on.</source>
        <translation>Nenosiri lako limebadilishwa. Tumia jipya kuanzia sasa.</translation>
    </message>
    <message>
        <source>The vault is locked. Sign in to open it again.</source>
        <translation>Hifadhi imefungwa. Ingia ili kuifungua tena.</translation>
    </message>
    <message>
        <source>PayCred is locked. Sign in to go on.</source>
        <translation>PayCred imefungwa. Ingia ili kuendelea.</translation>
    </message>
    <message>
        <source>Your session has ended. Enter your password to go on; what you were typing is kept.</source>
        <translation>Kipindi chako kimeisha. Weka nenosiri lako ili kuendelea; ulichokuwa ukiandika kimehifadhiwa.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in to go on.</source>
        <translation>Kipindi chako kimeisha. Ingia ili kuendelea.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Njia za mkato za kibodi</translation>
    </message>
    <message>
        <source>%1 (live)</source>
        <translation>%1 (halisi)</translation>
    </message>
    <message>
        <source>%1 (sandbox)</source>
        <translation>%1 (majaribio)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Mpya</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Nakili funguo</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Onyesha</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Thibitisha</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Hariri</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Funga</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>the next provider in a list of providers</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No credentials yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Add the api key and private key your provider gave you (%1) with &lt;b&gt;New credential&lt;/b&gt; (%2).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Bado hakuna vitambulisho.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ongeza funguo ya API na funguo ya siri ulizopewa na mtoa huduma wako (%1) kwa &lt;b&gt;Kitambulisho kipya&lt;/b&gt; (%2).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Administration…</source>
        <translation>&amp;Usimamizi…</translation>
    </message>
    <message>
        <source>The Administration window was closed: only a superuser can use it, on a server that offers it. Sign in as a superuser to administer PayCred.</source>
        <translation>Dirisha la Usimamizi limefungwa: ni msimamizi mkuu tu anayeweza kulitumia, kwenye seva inayolitoa. Ingia kama msimamizi mkuu ili kusimamia PayCred.</translation>
    </message>
    <message>
        <source>&amp;Sessions…</source>
        <translation>&amp;Vipindi…</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>Toka &amp;kila mahali</translation>
    </message>
    <message>
        <source>The server still wants your password confirmed before it reveals %1. Try again in a moment.</source>
        <translation>Seva bado inataka nenosiri lako lithibitishwe kabla ya kufichua %1. Jaribu tena baada ya muda mfupi.</translation>
    </message>
    <message>
        <source>The server asks you to confirm your password before it reveals %1, a live key.</source>
        <translation>Seva inakuomba uthibitishe nenosiri lako kabla ya kufichua %1, ufunguo halisi.</translation>
    </message>
    <message>
        <source>This server cannot sign you out everywhere: use Log out on each computer instead.</source>
        <translation>Seva hii haiwezi kukutoa kila mahali: tumia Ondoka kwenye kila kompyuta badala yake.</translation>
    </message>
    <message numerus="yes">
        <source>You were signed out everywhere (%n session(s)).</source>
        <translation>
            <numerusform>Umetolewa kila mahali (kipindi %n).</numerusform>
            <numerusform>Umetolewa kila mahali (vipindi %n).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is inactive: marked not to be used for payments. Its keys are kept, and you can still reveal and verify them.</source>
        <translation>Kitambulisho cha %1 hakitumiki: kimewekwa alama kisitumike kwa malipo. Funguo zake zimehifadhiwa, na bado unaweza kuzionyesha na kuzithibitisha.</translation>
    </message>
    <message>
        <source>C&amp;heck with provider</source>
        <translation>&amp;Kagua kwa mtoa huduma</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kagua</translation>
    </message>
</context>
<context>
    <name>paycred::ui::OverviewTab</name>
    <message>
        <source>Credentials per provider, in numbers</source>
        <translation>Vitambulisho kwa kila mtoa huduma, kwa idadi</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Majaribio</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Halisi</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Vyote</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; users (%2 active) · &lt;b&gt;%3&lt;/b&gt; credentials</source>
        <translation>Watumiaji &lt;b&gt;%1&lt;/b&gt; (%2 wanatumika) · vitambulisho &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Watoa huduma wote</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PagedTableModel</name>
    <message>
        <source>The server cannot sort by this column.</source>
        <translation>Seva haiwezi kupanga kwa safu hii.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordChoice</name>
    <message>
        <source>&amp;Type a password</source>
        <translation>&amp;Andika nenosiri</translation>
    </message>
    <message>
        <source>&amp;Generate one (shown once, after it is saved)</source>
        <translation>&amp;Tengeneza moja (linaonyeshwa mara moja, baada ya kuhifadhiwa)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Nenosiri</translation>
    </message>
    <message>
        <source>Confirm the password</source>
        <translation>Thibitisha nenosiri</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>Hitilafu ya nenosiri</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Nguvu ya nenosiri</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Nenosiri:</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>Thi&amp;bitisha:</translation>
    </message>
    <message>
        <source>Type a password, or choose a generated one.</source>
        <translation>Andika nenosiri, au chagua lililotengenezwa.</translation>
    </message>
    <message>
        <source>The two passwords do not match. Type the password again in Confirm.</source>
        <translation>Manenosiri mawili hayalingani. Andika nenosiri tena kwenye Thibitisha.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordField</name>
    <message>
        <source>Show or hide what you typed</source>
        <translation>Onyesha au ficha ulichoandika</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Onyesha %1</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordPrompt</name>
    <message>
        <source>Password</source>
        <translation>Nenosiri</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Inakagua nenosiri…</translation>
    </message>
    <message>
        <source>Sign In Again</source>
        <translation>Ingia Tena</translation>
    </message>
    <message>
        <source>Confirm Password</source>
        <translation>Thibitisha Nenosiri</translation>
    </message>
    <message>
        <source>Why the password is needed</source>
        <translation>Sababu nenosiri linahitajika</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Mtumiaji</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Hitilafu</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Maendeleo</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Mtumiaji:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Nenosiri:</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>&amp;Ingia</translation>
    </message>
    <message>
        <source>C&amp;onfirm</source>
        <translation>&amp;Thibitisha</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Weka jina lako la mtumiaji.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Weka nenosiri lako.</translation>
    </message>
    <message>
        <source>That is not your password. Try again.</source>
        <translation>Hilo si nenosiri lako. Jaribu tena.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PreferencesDialog</name>
    <message>
        <source>Seconds before the clipboard is cleared</source>
        <translation>Sekunde kabla ubao wa kunakili haujafutwa</translation>
    </message>
    <message>
        <source> s</source>
        <translation> sekunde</translation>
    </message>
    <message>
        <source>Seconds a revealed key stays visible</source>
        <translation>Sekunde ambazo funguo iliyoonyeshwa hubaki ikionekana</translation>
    </message>
    <message>
        <source>Minutes without use before the app locks</source>
        <translation>Dakika bila kutumika kabla programu haijajifunga</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dakika</translation>
    </message>
    <message>
        <source>Ask for my &amp;password before revealing a live key</source>
        <translation>Niombe &amp;nenosiri kabla ya kuonyesha funguo halisi</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Mapendeleo</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Kamwe</translation>
    </message>
    <message>
        <source>Ask for the password before revealing a live key</source>
        <translation>Omba nenosiri kabla ya kuonyesha funguo halisi</translation>
    </message>
    <message>
        <source>Clear a copied key from the &amp;clipboard after:</source>
        <translation>Futa funguo iliyonakiliwa kwenye &amp;ubao wa kunakili baada ya:</translation>
    </message>
    <message>
        <source>Hide a &amp;revealed key after:</source>
        <translation>Ficha funguo &amp;iliyoonyeshwa baada ya:</translation>
    </message>
    <message>
        <source>&amp;Lock after this long without use:</source>
        <translation>&amp;Funga baada ya muda huu bila kutumika:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Sawa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ghairi</translation>
    </message>
    <message>
        <source>PayCred speaks the new language from its next start.</source>
        <translation>PayCred itatumia lugha mpya itakapofunguliwa tena.</translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation>Lugha ya programu</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Ya mfumo (%1)</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Lugha:</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RememberedLogin</name>
    <message>
        <source>Your system keychain is not available, so PayCred cannot remember you; sign in with your password.</source>
        <translation>Hifadhi ya funguo za mfumo wako haipatikani, kwa hivyo PayCred haiwezi kukukumbuka; ingia kwa nenosiri lako.</translation>
    </message>
    <message>
        <source>The vault is locked, so there is nothing to remember.</source>
        <translation>Hifadhi imefungwa, kwa hivyo hakuna cha kukumbuka.</translation>
    </message>
    <message>
        <source>The server gave no session to remember.</source>
        <translation>Seva haikutoa kipindi cha kukumbuka.</translation>
    </message>
    <message>
        <source>PayCred does not remember you on this computer any more; sign in with your password.</source>
        <translation>PayCred haikukumbuki tena kwenye kompyuta hii; ingia kwa nenosiri lako.</translation>
    </message>
    <message>
        <source>The remembered unlock no longer opens this vault; sign in with your password.</source>
        <translation>Ufunguaji uliokumbukwa haufungui tena hifadhi hii; ingia kwa nenosiri lako.</translation>
    </message>
    <message>
        <source>Your remembered sign-in has ended; sign in with your password.</source>
        <translation>Kuingia kwako kulikokumbukwa kumeisha; ingia kwa nenosiri lako.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ReplaceKeyDialog</name>
    <message>
        <source>New private key</source>
        <translation>Funguo mpya ya siri</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Inahifadhi…</translation>
    </message>
    <message>
        <source>Replace private key</source>
        <translation>Badilisha funguo ya siri</translation>
    </message>
    <message>
        <source>Enter the new private key for %1. The current key is replaced and cannot be brought back.</source>
        <translation>Weka funguo mpya ya siri ya %1. Funguo ya sasa itabadilishwa na haiwezi kurejeshwa.</translation>
    </message>
    <message>
        <source>New &amp;private key:</source>
        <translation>Funguo &amp;mpya ya siri:</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Badilisha</translation>
    </message>
    <message>
        <source>Replace the private key</source>
        <translation>Badilisha funguo ya siri</translation>
    </message>
    <message>
        <source>Enter the new private key.</source>
        <translation>Weka funguo mpya ya siri.</translation>
    </message>
    <message>
        <source>The private key could not be replaced. Try again.</source>
        <translation>Imeshindwa kubadilisha funguo ya siri. Jaribu tena.</translation>
    </message>
    <message>
        <source>Someone else changed this credential after you opened it. Reload it to see it as it is now, then enter the new key again.</source>
        <translation>Mtu mwingine amebadilisha kitambulisho hiki baada ya wewe kukifungua. Kipakie upya ili ukione kilivyo sasa, kisha weka funguo mpya tena.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RestoreDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Vinjari…</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Kaulisiri ya nakala</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>Hitilafu ya faili</translation>
    </message>
    <message>
        <source>Passphrase error</source>
        <translation>Hitilafu ya kaulisiri</translation>
    </message>
    <message>
        <source>Import a Backup</source>
        <translation>Ingiza Nakala</translation>
    </message>
    <message>
        <source>Restore a Vault</source>
        <translation>Rejesha Hifadhi</translation>
    </message>
    <message>
        <source>Copies the credentials of a backup into this vault, each to the user of the same name.</source>
        <translation>Hunakili vitambulisho vya nakala kwenye hifadhi hii, kila kimoja kwa mtumiaji mwenye jina lilelile.</translation>
    </message>
    <message>
        <source>Writes the vault saved in a backup as a new vault file. Its users sign in with the passwords they had when the backup was made.</source>
        <translation>Huandika hifadhi iliyo kwenye nakala kama faili mpya ya hifadhi. Watumiaji wake huingia kwa manenosiri waliyokuwa nayo nakala ilipotengenezwa.</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Faili ya nakala</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>Chagua faili ya nakala</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>&amp;Faili ya nakala:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Kaulisiri:</translation>
    </message>
    <message>
        <source>Where the restored vault goes</source>
        <translation>Mahali hifadhi iliyorejeshwa itawekwa</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Vin&amp;jari…</translation>
    </message>
    <message>
        <source>Choose where the restored vault goes</source>
        <translation>Chagua mahali hifadhi iliyorejeshwa itawekwa</translation>
    </message>
    <message>
        <source>Restore &amp;as:</source>
        <translation>Rejesha k&amp;ama:</translation>
    </message>
    <message>
        <source>When the vault already has credentials for a provider</source>
        <translation>Hifadhi ikiwa tayari ina vitambulisho vya mtoa huduma</translation>
    </message>
    <message>
        <source>Skip credentials the vault already has</source>
        <translation>Ruka vitambulisho ambavyo hifadhi tayari inavyo</translation>
    </message>
    <message>
        <source>Replace them with the backup&apos;s</source>
        <translation>Vibadilishe kwa vile vya nakala</translation>
    </message>
    <message>
        <source>&amp;Existing credentials:</source>
        <translation>Vitambulisho vi&amp;livyopo:</translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation>Maendeleo ya kurejesha</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Muhtasari wa kuingiza nakala</translation>
    </message>
    <message>
        <source>What the import did</source>
        <translation>Matokeo ya kuingiza nakala</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Mtumiaji</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Mtoa huduma</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Matokeo</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Ingiza</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Rejesha</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <source>Backups are imported into a local vault. Sign in to the vault first.</source>
        <translation>Nakala huingizwa kwenye hifadhi ya ndani. Ingia kwenye hifadhi kwanza.</translation>
    </message>
    <message>
        <source>Choose a Backup</source>
        <translation>Chagua Nakala</translation>
    </message>
    <message>
        <source>Restore the Vault As</source>
        <translation>Rejesha Hifadhi Kama</translation>
    </message>
    <message>
        <source>Choose the backup file to restore.</source>
        <translation>Chagua faili ya nakala ya kurejesha.</translation>
    </message>
    <message>
        <source>Choose where the restored vault goes.</source>
        <translation>Chagua mahali hifadhi iliyorejeshwa itawekwa.</translation>
    </message>
    <message>
        <source>Enter the passphrase the backup was made with.</source>
        <translation>Weka kaulisiri iliyotumiwa kutengeneza nakala.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Kimeingizwa</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Kimebadilishwa</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Kimerukwa: %1</translation>
    </message>
    <message>
        <source>%1 imported, %2 replaced, %3 skipped</source>
        <translation>Vilivyoingizwa %1, vilivyobadilishwa %2, vilivyorukwa %3</translation>
    </message>
    <message>
        <source>The backup was imported.</source>
        <translation>Nakala imeingizwa.</translation>
    </message>
    <message>
        <source>The vault was restored to %1.</source>
        <translation>Hifadhi imerejeshwa kwenye %1.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RevealKeyDialog</name>
    <message>
        <source>Private key</source>
        <translation>Funguo ya siri</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Onyesha</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Nakili</translation>
    </message>
    <message>
        <source>Private key of %1</source>
        <translation>Funguo ya siri ya %1</translation>
    </message>
    <message>
        <source>%1 — credential #%2</source>
        <translation>%1 — kitambulisho #%2</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Funguo ya API</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Funguo ya API:</translation>
    </message>
    <message>
        <source>Show the private key</source>
        <translation>Onyesha funguo ya siri</translation>
    </message>
    <message>
        <source>Copy the private key</source>
        <translation>Nakili funguo ya siri</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>Funguo ya siri:</translation>
    </message>
    <message>
        <source>Time until the key is hidden</source>
        <translation>Muda hadi funguo ifichwe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Funga</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Ficha</translation>
    </message>
    <message>
        <source>Hide the private key</source>
        <translation>Ficha funguo ya siri</translation>
    </message>
    <message>
        <source>Hidden again in %1 s</source>
        <translation>Itafichwa tena baada ya sekunde %1</translation>
    </message>
</context>
<context>
    <name>paycred::ui::SessionTableModel</name>
    <message>
        <source>this computer</source>
        <translation>kompyuta hii</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (this session)</source>
        <translation>%1 (kipindi hiki)</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wapi</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Tangu</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Kilitumika mwisho</translation>
    </message>
</context>
<context>
    <name>paycred::ui::SessionsDialog</name>
    <message>
        <source>&amp;End session</source>
        <translation>&amp;Maliza kipindi</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>Toka &amp;kila mahali</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Vipindi</translation>
    </message>
    <message>
        <source>Where you are signed in. End a session you do not recognise, or sign out everywhere (this computer included).</source>
        <translation>Mahali ulipoingia. Maliza kipindi usichokitambua, au toka kila mahali (pamoja na kompyuta hii).</translation>
    </message>
    <message>
        <source>This server does not keep a list of sessions: there is nothing to show or end here.</source>
        <translation>Seva hii haiweki orodha ya vipindi: hakuna cha kuonyesha wala kumaliza hapa.</translation>
    </message>
    <message>
        <source>The sessions could not be read. Try again in a moment.</source>
        <translation>Vipindi havikuweza kusomwa. Jaribu tena baada ya muda mfupi.</translation>
    </message>
    <message>
        <source>Loading the sessions…</source>
        <translation>Inapakia vipindi…</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s).</source>
        <translation>
            <numerusform>Kipindi %n.</numerusform>
            <numerusform>Vipindi %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>This session was ended. Sign in to go on.</source>
        <translation>Kipindi hiki kimemalizwa. Ingia ili uendelee.</translation>
    </message>
    <message>
        <source>The session was ended: its app must sign in again.</source>
        <translation>Kipindi kimemalizwa: programu yake lazima iingie tena.</translation>
    </message>
    <message numerus="yes">
        <source>You were signed out everywhere (%n session(s)).</source>
        <translation>
            <numerusform>Umetolewa kila mahali (kipindi %n).</numerusform>
            <numerusform>Umetolewa kila mahali (vipindi %n).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paycred::ui::StatsChart</name>
    <message>
        <source>Credentials per provider</source>
        <translation>Vitambulisho kwa kila mtoa huduma</translation>
    </message>
    <message>
        <source>%1: %2 sandbox, %3 live, %4 inactive</source>
        <translation>%1: %2 majaribio, %3 halisi, %4 havitumiki</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Majaribio</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Halisi</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
</context>
<context>
    <name>paycred::ui::StatusLabel</name>
    <message>
        <source>Status</source>
        <translation>Hali</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UserDialog</name>
    <message>
        <source>Error</source>
        <translation>Hitilafu</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>Weka Upya Nenosiri</translation>
    </message>
    <message>
        <source>Create User</source>
        <translation>Unda Mtumiaji</translation>
    </message>
    <message>
        <source>A new password for %1. They are signed out everywhere and sign in again with it.</source>
        <translation>Nenosiri jipya la %1. Ataondolewa kila mahali aliko, na ataingia tena kwa nenosiri hili.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Username error</source>
        <translation>Hitilafu ya jina la mtumiaji</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Jina la mtumiaji:</translation>
    </message>
    <message>
        <source>&amp;Superuser (administers users and every credential)</source>
        <translation>&amp;Msimamizi mkuu (anasimamia watumiaji na kila kitambulisho)</translation>
    </message>
    <message>
        <source>&amp;Reset Password</source>
        <translation>Weka &amp;Upya Nenosiri</translation>
    </message>
    <message>
        <source>Cr&amp;eate User</source>
        <translation>Un&amp;da Mtumiaji</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s username.</source>
        <translation>Weka jina la mtumiaji mpya.</translation>
    </message>
    <message>
        <source>%1 Nothing was saved: try again.</source>
        <translation>%1 Hakuna kilichohifadhiwa: jaribu tena.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UsersModel</name>
    <message>
        <source>Username</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Superuser</source>
        <translation>Msimamizi mkuu</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Inatumika</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Alijiunga</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Aliingia mwisho</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Vitambulisho</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Amefungiwa hadi</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Hapana</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Kamwe</translation>
    </message>
    <message>
        <source>Too many wrong passwords: %1 cannot sign in until then. Unlock lets them try again now.</source>
        <translation>Manenosiri mengi mno yasiyo sahihi: %1 hawezi kuingia hadi wakati huo. Fungua kunamruhusu ajaribu tena sasa.</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Mtumiaji %1 (namba %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UsersTab</name>
    <message>
        <source>&amp;New User…</source>
        <translation>Mtumiaji &amp;Mpya…</translation>
    </message>
    <message>
        <source>&amp;Reset Password…</source>
        <translation>&amp;Weka Upya Nenosiri…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>&amp;Zima</translation>
    </message>
    <message>
        <source>&amp;Promote to Superuser</source>
        <translation>&amp;Pandisha kuwa Msimamizi Mkuu</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Fungua</translation>
    </message>
    <message>
        <source>&amp;Delete User…</source>
        <translation>F&amp;uta Mtumiaji…</translation>
    </message>
    <message>
        <source>Every user</source>
        <translation>Kila mtumiaji</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Jina la mtumiaji</translation>
    </message>
    <message>
        <source>Username contains…</source>
        <translation>Jina la mtumiaji lina…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Inatumika</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>Inatumika au la</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Haitumiki</translation>
    </message>
    <message>
        <source>Superuser</source>
        <translation>Msimamizi mkuu</translation>
    </message>
    <message>
        <source>Every role</source>
        <translation>Kila jukumu</translation>
    </message>
    <message>
        <source>Superusers</source>
        <translation>Wasimamizi wakuu</translation>
    </message>
    <message>
        <source>Not superusers</source>
        <translation>Si wasimamizi wakuu</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>&amp;Washa</translation>
    </message>
    <message>
        <source>De&amp;mote to Plain User</source>
        <translation>&amp;Shusha kuwa Mtumiaji wa Kawaida</translation>
    </message>
    <message>
        <source>Matching users: %L1</source>
        <translation>Watumiaji wanaolingana: %L1</translation>
    </message>
    <message>
        <source>User %1 created.</source>
        <translation>Mtumiaji %1 ameundwa.</translation>
    </message>
    <message>
        <source>%1 has a new password and was signed out everywhere.</source>
        <translation>%1 ana nenosiri jipya na ameondolewa kila mahali aliko.</translation>
    </message>
    <message>
        <source>%1 is active again and can sign in.</source>
        <translation>%1 anatumika tena na anaweza kuingia.</translation>
    </message>
    <message>
        <source>%1 is deactivated: signed out everywhere, and cannot sign in until activated again.</source>
        <translation>%1 amezimwa: ameondolewa kila mahali, na hawezi kuingia hadi awashwe tena.</translation>
    </message>
    <message>
        <source>%1 is a superuser now.</source>
        <translation>%1 sasa ni msimamizi mkuu.</translation>
    </message>
    <message>
        <source>%1 is a plain user now.</source>
        <translation>%1 sasa ni mtumiaji wa kawaida.</translation>
    </message>
    <message>
        <source>%1 is unlocked and can try to sign in again.</source>
        <translation>%1 amefunguliwa na anaweza kujaribu kuingia tena.</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Futa mtumiaji</translation>
    </message>
    <message>
        <source>Delete the user %1?</source>
        <translation>Futa mtumiaji %1?</translation>
    </message>
    <message>
        <source>They have no credentials. Their audit events stay. This cannot be undone.</source>
        <translation>Hana vitambulisho. Matukio yake ya ukaguzi yanabaki. Hili haliwezi kutenduliwa.</translation>
    </message>
    <message numerus="yes">
        <source>Their %n credential(s) are deleted with them, and whatever runs with those keys stops working. Their audit events stay. This cannot be undone.</source>
        <translation>
            <numerusform>Kitambulisho chake %n kitafutwa pamoja naye, na chochote kinachoendeshwa kwa funguo hizo kitaacha kufanya kazi. Matukio yake ya ukaguzi yanabaki. Hili haliwezi kutenduliwa.</numerusform>
            <numerusform>Vitambulisho vyake %n vitafutwa pamoja naye, na chochote kinachoendeshwa kwa funguo hizo kitaacha kufanya kazi. Matukio yake ya ukaguzi yanabaki. Hili haliwezi kutenduliwa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Futa</translation>
    </message>
    <message numerus="yes">
        <source>User %1 deleted, with %n credential(s).</source>
        <translation>
            <numerusform>Mtumiaji %1 amefutwa, pamoja na kitambulisho %n.</numerusform>
            <numerusform>Mtumiaji %1 amefutwa, pamoja na vitambulisho %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Another superuser can do it for your account.</source>
        <translation>%1 Msimamizi mkuu mwingine anaweza kufanya hivyo kwa akaunti yako.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::VerifyKeyDialog</name>
    <message>
        <source>Private key to check</source>
        <translation>Funguo ya siri ya kukagua</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Inakagua…</translation>
    </message>
    <message>
        <source>Verify private key</source>
        <translation>Thibitisha funguo ya siri</translation>
    </message>
    <message>
        <source>Enter a private key to check whether it is the one stored for %1. The stored key is not shown.</source>
        <translation>Weka funguo ya siri ili kukagua kama ndiyo iliyohifadhiwa kwa %1. Funguo iliyohifadhiwa haionyeshwi.</translation>
    </message>
    <message>
        <source>&amp;Private key:</source>
        <translation>Funguo ya &amp;siri:</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Matokeo ya uthibitishaji</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Thibitisha</translation>
    </message>
    <message>
        <source>Verify the private key</source>
        <translation>Thibitisha funguo ya siri</translation>
    </message>
    <message>
        <source>Enter the private key to check.</source>
        <translation>Weka funguo ya siri ya kukagua.</translation>
    </message>
    <message>
        <source>The key could not be checked. Try again.</source>
        <translation>Imeshindwa kukagua funguo. Jaribu tena.</translation>
    </message>
    <message>
        <source>The key matches the stored private key.</source>
        <translation>Funguo inalingana na funguo ya siri iliyohifadhiwa.</translation>
    </message>
    <message>
        <source>The key does NOT match the stored private key.</source>
        <translation>Funguo HAILINGANI na funguo ya siri iliyohifadhiwa.</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CredentialText</name>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Production</translation>
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
            <numerusform>Utilisez au moins %n caractère.</numerusform>
            <numerusform>Utilisez au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>Avoid common words and keyboard patterns such as &quot;password&quot; or &quot;qwerty&quot;.</source>
        <translation>Évitez les mots courants et les suites de touches comme «&#xa0;password&#xa0;» ou «&#xa0;azerty&#xa0;».</translation>
    </message>
    <message>
        <source>Avoid repeating the same characters.</source>
        <translation>Évitez de répéter les mêmes caractères.</translation>
    </message>
    <message>
        <source>A longer password, such as a few unrelated words, is stronger.</source>
        <translation>Un mot de passe plus long, par exemple quelques mots sans rapport entre eux, est plus robuste.</translation>
    </message>
    <message>
        <source>Mix in capitals, digits or symbols.</source>
        <translation>Ajoutez des majuscules, des chiffres ou des symboles.</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>faible</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>good</source>
        <translation>bonne</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>élevée</translation>
    </message>
    <message>
        <source>Strength: %1.</source>
        <translation>Robustesse&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>ProviderCheckText</name>
    <message>
        <source>Valid</source>
        <translation>Valides</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Refusées</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>Injoignable</translation>
    </message>
    <message>
        <source>Not checkable</source>
        <translation>Non vérifiables</translation>
    </message>
    <message>
        <source>Asking %1 whether the live keys work…</source>
        <translation>Vérification des clés de production auprès de %1…</translation>
    </message>
    <message>
        <source>Asking %1 whether the sandbox keys work…</source>
        <translation>Vérification des clés de bac à sable auprès de %1…</translation>
    </message>
    <message>
        <source>%1 accepted the live keys: they work.</source>
        <translation>%1 a accepté les clés de production&#xa0;: elles fonctionnent.</translation>
    </message>
    <message>
        <source>%1 accepted the sandbox keys: they work.</source>
        <translation>%1 a accepté les clés de bac à sable&#xa0;: elles fonctionnent.</translation>
    </message>
    <message>
        <source>%1 rejected the live keys: payments with them will fail.</source>
        <translation>%1 a refusé les clés de production&#xa0;: les paiements qui les utilisent échoueront.</translation>
    </message>
    <message>
        <source>%1 rejected the sandbox keys: payments with them will fail.</source>
        <translation>%1 a refusé les clés de bac à sable&#xa0;: les paiements qui les utilisent échoueront.</translation>
    </message>
    <message>
        <source>%1 could not be asked about the live keys, so they were not judged.</source>
        <translation>%1 n’a pas pu être interrogé sur les clés de production&#xa0;: elles n’ont donc pas été évaluées.</translation>
    </message>
    <message>
        <source>%1 could not be asked about the sandbox keys, so they were not judged.</source>
        <translation>%1 n’a pas pu être interrogé sur les clés de bac à sable&#xa0;: elles n’ont donc pas été évaluées.</translation>
    </message>
    <message>
        <source>The live keys cannot be checked with %1 here.</source>
        <translation>Les clés de production ne peuvent pas être vérifiées auprès de %1 ici.</translation>
    </message>
    <message>
        <source>The sandbox keys cannot be checked with %1 here.</source>
        <translation>Les clés de bac à sable ne peuvent pas être vérifiées auprès de %1 ici.</translation>
    </message>
    <message>
        <source>%1 Details: %2</source>
        <comment>a check&apos;s result, then the server&apos;s own words (English)</comment>
        <translation>%1 Détails (en anglais)&#xa0;: %2</translation>
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
        <translation>Conserve les identifiants des fournisseurs de paiement.</translation>
    </message>
    <message>
        <source>Use the local vault at &lt;file&gt; (made on first use).</source>
        <translation>Utiliser le coffre local situé dans &lt;fichier&gt; (créé à la première utilisation).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fichier</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AdminTab</name>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AdminWindow</name>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d’ensemble</translation>
    </message>
    <message>
        <source>All &amp;credentials</source>
        <translation>&amp;Tous les identifiants</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Signed in as %1, a superuser</source>
        <translation>Connecté en tant que %1 (superutilisateur)</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again in the main window, then press Refresh (F5) here.</source>
        <translation>Votre session a pris fin. Reconnectez-vous dans la fenêtre principale, puis appuyez ici sur Actualiser (F5).</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>&amp;Utilisateurs</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>&amp;Journal d’audit</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AllCredentialsModel</name>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour le</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Utilisateur %1 (ID %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AllCredentialsTab</name>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Désact&amp;iver</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Switch off the owner&apos;s live keys…</source>
        <translation>Désactiver les clés de production du propriétaire…</translation>
    </message>
    <message>
        <source>Switch off every live key…</source>
        <translation>Désactiver toutes les clés de production…</translation>
    </message>
    <message>
        <source>Every credential</source>
        <translation>Tous les identifiants</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Tous les fournisseurs</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>Tous les environnements</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>Actifs ou non</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actifs</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactifs</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Owner&apos;s name contains…</source>
        <translation>Le nom du propriétaire contient…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <comment>a credential (provider and environment) of its owner</comment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>A&amp;ctiver</translation>
    </message>
    <message>
        <source>Switch off %1&apos;s live keys…</source>
        <translation>Désactiver les clés de production de %1…</translation>
    </message>
    <message>
        <source>Matching credentials: %L1</source>
        <translation>Identifiants correspondants&#xa0;: %L1</translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>L’identifiant %1 est de nouveau actif.</translation>
    </message>
    <message>
        <source>Delete credentials</source>
        <translation>Supprimer l’identifiant</translation>
    </message>
    <message>
        <source>Delete the %1 credentials of %2?</source>
        <translation>Supprimer l’identifiant %1 de %2&#xa0;?</translation>
    </message>
    <message>
        <source>Their api key and private key are removed for good, and whatever %1 runs with them stops working. This cannot be undone.</source>
        <translation>Sa clé API et sa clé privée seront définitivement supprimées, et tout ce que %1 exécute avec elles cessera de fonctionner. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>Identifiant %1 supprimé.</translation>
    </message>
    <message>
        <source>%1 has no active live credential: there is nothing to switch off.</source>
        <translation>%1 n’a aucun identifiant de production actif&#xa0;: il n’y a rien à désactiver.</translation>
    </message>
    <message>
        <source>No live credential is active: there is nothing to switch off.</source>
        <translation>Aucun identifiant de production n’est actif&#xa0;: il n’y a rien à désactiver.</translation>
    </message>
    <message numerus="yes">
        <source>Switch off the %n active live credential(s) of %1?</source>
        <translation>
            <numerusform>Désactiver %n identifiant de production actif de %1&#xa0;?</numerusform>
            <numerusform>Désactiver les %n identifiants de production actifs de %1&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switch off all %n active live credential(s), of every user?</source>
        <translation>
            <numerusform>Désactiver %n identifiant de production actif, tous utilisateurs confondus&#xa0;?</numerusform>
            <numerusform>Désactiver les %n identifiants de production actifs, tous utilisateurs confondus&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Emergency switch</source>
        <translation>Coupure d’urgence</translation>
    </message>
    <message>
        <source>Payments that use these keys stop at once. Their keys are kept: each can be activated again, one by one.</source>
        <translation>Les paiements qui utilisent ces clés s’arrêtent immédiatement. Les clés sont conservées&#xa0;: chaque identifiant pourra être réactivé, un par un.</translation>
    </message>
    <message>
        <source>Switch off</source>
        <translation>Désactiver</translation>
    </message>
    <message numerus="yes">
        <source>%n live credential(s) switched off.</source>
        <translation>
            <numerusform>%n identifiant de production désactivé.</numerusform>
            <numerusform>%n identifiants de production désactivés.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is switched off: marked not to be used for payments. Its keys are kept; its owner can still reveal them.</source>
        <translation>L’identifiant %1 est désactivé&#xa0;: marqué pour ne pas servir aux paiements. Ses clés sont conservées&#xa0;; son propriétaire peut toujours les afficher.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditEventModel</name>
    <message>
        <source>Time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Nobody (an unknown user)</source>
        <translation>Personne (utilisateur inconnu)</translation>
    </message>
    <message>
        <source>The system</source>
        <translation>Le système</translation>
    </message>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Utilisateur %1 (ID %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditExport</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>Impossible de lire %1&#xa0;: %2.</translation>
    </message>
    <message>
        <source>%1 is not a checkpoint of the audit log (it needs an &quot;id&quot; and a &quot;mac&quot; of 64 hexadecimal digits). Choose the .checkpoint.json file written beside an export.</source>
        <translation>%1 n’est pas un point de contrôle du journal d’audit (il doit contenir un «&#xa0;id&#xa0;» et un «&#xa0;mac&#xa0;» de 64 chiffres hexadécimaux). Choisissez le fichier .checkpoint.json écrit à côté d’une exportation.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2. Choose another folder and export again.</source>
        <translation>%1 n’est pas accessible en écriture&#xa0;: %2. Choisissez un autre dossier et exportez de nouveau.</translation>
    </message>
    <message>
        <source>The export stopped: %1</source>
        <translation>L’exportation s’est interrompue&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 could not be written: %2. Free some space or choose another folder, then export again.</source>
        <translation>L’écriture de %1 a échoué&#xa0;: %2. Libérez de l’espace ou choisissez un autre dossier, puis exportez de nouveau.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2. Choose another folder and export again.</source>
        <translation>L’écriture de %1 a échoué&#xa0;: %2. Choisissez un autre dossier et exportez de nouveau.</translation>
    </message>
    <message>
        <source>the audit log is not intact from event %1 on, so no checkpoint was written. Press Verify log for the details.</source>
        <translation>le journal d’audit n’est pas intègre à partir de l’événement %1&#xa0;: aucun point de contrôle n’a donc été écrit. Cliquez sur Vérifier le journal pour en savoir plus.</translation>
    </message>
    <message>
        <source>the audit log is empty, so there is no checkpoint to write.</source>
        <translation>le journal d’audit est vide&#xa0;: il n’y a donc aucun point de contrôle à écrire.</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1; %2</source>
        <translation>
            <numerusform>%n événement exporté vers %1&#xa0;; %2</numerusform>
            <numerusform>%n événements exportés vers %1&#xa0;; %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1, but its checkpoint could not be written: %2. Export again to another folder.</source>
        <translation>
            <numerusform>%n événement exporté vers %1, mais le point de contrôle n’a pas pu être écrit&#xa0;: %2. Exportez de nouveau vers un autre dossier.</numerusform>
            <numerusform>%n événements exportés vers %1, mais le point de contrôle n’a pas pu être écrit&#xa0;: %2. Exportez de nouveau vers un autre dossier.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) exported to %1, with its checkpoint in %2. Keep the checkpoint apart: it shows later whether newer events were removed.</source>
        <translation>
            <numerusform>%n événement exporté vers %1, avec le point de contrôle dans %2. Conservez le point de contrôle à part&#xa0;: il permettra plus tard de savoir si des événements plus récents ont été supprimés.</numerusform>
            <numerusform>%n événements exportés vers %1, avec le point de contrôle dans %2. Conservez le point de contrôle à part&#xa0;: il permettra plus tard de savoir si des événements plus récents ont été supprimés.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export was cancelled: no file was written.</source>
        <translation>L’exportation a été annulée&#xa0;: aucun fichier n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::AuditTab</name>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>&amp;Verify log</source>
        <translation>Vé&amp;rifier le journal</translation>
    </message>
    <message>
        <source>Verify against a check&amp;point…</source>
        <translation>Vérifier avec un &amp;point de contrôle…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>ID utilisateur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>Tous les environnements</translation>
    </message>
    <message>
        <source>Credential id</source>
        <translation>ID de l’identifiant</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Depuis</translation>
    </message>
    <message>
        <source>From (local time)</source>
        <translation>Depuis (heure locale)</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>Ju&amp;squ’à</translation>
    </message>
    <message>
        <source>Until (local time)</source>
        <translation>Jusqu’à (heure locale)</translation>
    </message>
    <message>
        <source>Event:</source>
        <translation>Événement&#xa0;:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Date et heure&#xa0;:</translation>
    </message>
    <message>
        <source>Actor:</source>
        <translation>Auteur&#xa0;:</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action&#xa0;:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Résultat&#xa0;:</translation>
    </message>
    <message>
        <source>Credential:</source>
        <translation>Identifiant&#xa0;:</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Fournisseur&#xa0;:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Environnement&#xa0;:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>Detail:</source>
        <translation>Détail&#xa0;:</translation>
    </message>
    <message>
        <source>Matching events: %L1</source>
        <translation>Événements correspondants&#xa0;: %L1</translation>
    </message>
    <message>
        <source>Select an event to see all of it.</source>
        <translation>Sélectionnez un événement pour l’afficher en entier.</translation>
    </message>
    <message>
        <source>%1 (%2 UTC)</source>
        <translation>%1 (%2 UTC)</translation>
    </message>
    <message>
        <source>%1 (user id %2)</source>
        <translation>%1 (ID utilisateur %2)</translation>
    </message>
    <message>
        <source>audit-log-%1.csv</source>
        <translation>journal-audit-%1.csv</translation>
    </message>
    <message>
        <source>Export the Audit Log</source>
        <translation>Exporter le journal d’audit</translation>
    </message>
    <message>
        <source>Exporting the audit log to %1…</source>
        <translation>Exportation du journal d’audit vers %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Verify against a Checkpoint</source>
        <translation>Vérifier avec un point de contrôle</translation>
    </message>
    <message>
        <source>Verifying the audit log…</source>
        <translation>Vérification du journal d’audit…</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact and holds every event up to the checkpoint: %n event(s) checked.</source>
        <translation>
            <numerusform>Le journal d’audit est intègre et contient tous les événements jusqu’au point de contrôle&#xa0;: %n événement vérifié.</numerusform>
            <numerusform>Le journal d’audit est intègre et contient tous les événements jusqu’au point de contrôle&#xa0;: %n événements vérifiés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n event(s) checked, none changed, inserted or removed.</source>
        <translation>
            <numerusform>Le journal d’audit est intègre&#xa0;: %n événement vérifié, aucun modifié, inséré ni supprimé.</numerusform>
            <numerusform>Le journal d’audit est intègre&#xa0;: %n événements vérifiés, aucun modifié, inséré ni supprimé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The audit log is NOT intact: it was changed at event %1 (%n event(s) checked). Events from %1 on cannot be trusted; keep this database as it is and tell whoever runs the server.</source>
        <translation>
            <numerusform>Le journal d’audit N’EST PAS intègre&#xa0;: il a été modifié à l’événement %1 (%n événement vérifié). Les événements à partir de %1 ne sont pas fiables&#xa0;; conservez cette base de données en l’état et prévenez la personne qui administre le serveur.</numerusform>
            <numerusform>Le journal d’audit N’EST PAS intègre&#xa0;: il a été modifié à l’événement %1 (%n événements vérifiés). Les événements à partir de %1 ne sont pas fiables&#xa0;; conservez cette base de données en l’état et prévenez la personne qui administre le serveur.</numerusform>
        </translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Tous les fournisseurs</translation>
    </message>
</context>
<context>
    <name>paycred::ui::BackupDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Par&amp;courir…</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Phrase secrète de la sauvegarde</translation>
    </message>
    <message>
        <source>Confirm the backup passphrase</source>
        <translation>Confirmer la phrase secrète de la sauvegarde</translation>
    </message>
    <message>
        <source>Backup file error</source>
        <translation>Erreur de fichier de sauvegarde</translation>
    </message>
    <message>
        <source>Passphrase error</source>
        <translation>Erreur de phrase secrète</translation>
    </message>
    <message>
        <source>Back Up the Vault</source>
        <translation>Sauvegarder le coffre</translation>
    </message>
    <message>
        <source>Back up the vault</source>
        <translation>Sauvegarder le coffre</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Fichier de sauvegarde</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>Choisir le fichier de sauvegarde</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>Fichier de sau&amp;vegarde&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Con&amp;firm passphrase:</source>
        <translation>Co&amp;nfirmer la phrase secrète&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>You need this passphrase to restore the backup. It cannot be recovered: keep it somewhere safe, apart from the file. At least %n characters.</source>
        <translation>
            <numerusform>Cette phrase secrète sera indispensable pour restaurer la sauvegarde. Elle ne peut pas être récupérée&#xa0;: conservez-la en lieu sûr, séparément du fichier. Au moins %n caractère.</numerusform>
            <numerusform>Cette phrase secrète sera indispensable pour restaurer la sauvegarde. Elle ne peut pas être récupérée&#xa0;: conservez-la en lieu sûr, séparément du fichier. Au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>About the passphrase</source>
        <translation>À propos de la phrase secrète</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Progression de la sauvegarde</translation>
    </message>
    <message>
        <source>&amp;Back Up</source>
        <translation>&amp;Sauvegarder</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>Sauvegarder</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Backups are made of a local vault. Sign in to the vault to back it up.</source>
        <translation>Seul un coffre local peut être sauvegardé. Connectez-vous au coffre pour le sauvegarder.</translation>
    </message>
    <message>
        <source>Save the Backup As</source>
        <translation>Enregistrer la sauvegarde sous</translation>
    </message>
    <message>
        <source>Choose where to write the backup.</source>
        <translation>Choisissez où enregistrer la sauvegarde.</translation>
    </message>
    <message numerus="yes">
        <source>The passphrase is too short: use at least %n characters.</source>
        <translation>
            <numerusform>La phrase secrète est trop courte&#xa0;: utilisez au moins %n caractère.</numerusform>
            <numerusform>La phrase secrète est trop courte&#xa0;: utilisez au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passphrases do not match. Type the passphrase again.</source>
        <translation>Les deux phrases secrètes ne correspondent pas. Ressaisissez la phrase secrète.</translation>
    </message>
    <message>
        <source>Backup written to %1.</source>
        <translation>Sauvegarde enregistrée dans %1.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CertificateDialog</name>
    <message>
        <source>Certificate changed</source>
        <translation>Certificat modifié</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has CHANGED</source>
        <translation>Le certificat du serveur a CHANGÉ</translation>
    </message>
    <message>
        <source>PayCred does not know the certificate of %1</source>
        <translation>PayCred ne connaît pas le certificat de %1</translation>
    </message>
    <message>
        <source>You trusted another certificate for %1 before. The server may have been given a new one, or someone may be intercepting the connection. Do not go on unless your administrator confirms the new fingerprint below.</source>
        <translation>Vous aviez auparavant approuvé un autre certificat pour %1. Le serveur a peut-être reçu un nouveau certificat, ou quelqu’un intercepte peut-être la connexion. Ne continuez pas sans que votre administrateur ait confirmé la nouvelle empreinte ci-dessous.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts, which is usual for a server inside your company. Compare the fingerprint below with the one your administrator gave you, character by character. Trust it only if they are the same.</source>
        <translation>Le certificat du serveur n’est pas signé par une autorité reconnue par cet ordinateur, ce qui est courant pour un serveur interne à votre entreprise. Comparez l’empreinte ci-dessous, caractère par caractère, avec celle que votre administrateur vous a remise. Ne l’approuvez que si elles sont identiques.</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Délivré à&#xa0;:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Délivré par&#xa0;:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Expire le&#xa0;:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Empreinte SHA-256&#xa0;:</translation>
    </message>
    <message>
        <source>Trust the new certificate</source>
        <translation>Approuver le nouveau certificat</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Approuver ce certificat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancel, do not trust the certificate</source>
        <translation>Annuler, ne pas approuver le certificat</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(non indiqué)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CertificatePins</name>
    <message>
        <source>Your system keychain is not available, so PayCred keeps the certificates you trusted in a file only you can read, in its data folder.</source>
        <translation>Le trousseau de clés de votre système n’est pas disponible&#xa0;: PayCred conserve donc les certificats que vous avez approuvés dans un fichier que vous seul pouvez lire, dans son dossier de données.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ChangePasswordDialog</name>
    <message>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Confirm the new password</source>
        <translation>Confirmer le nouveau mot de passe</translation>
    </message>
    <message>
        <source>Current password error</source>
        <translation>Erreur de mot de passe actuel</translation>
    </message>
    <message>
        <source>New password error</source>
        <translation>Erreur de nouveau mot de passe</translation>
    </message>
    <message>
        <source>Confirmation error</source>
        <translation>Erreur de confirmation</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Changement du mot de passe…</translation>
    </message>
    <message>
        <source>Change Password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Changer le mot de passe</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>Mot de passe ac&amp;tuel&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Con&amp;firm new password:</source>
        <translation>&amp;Confirmer le nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>From now on the new password opens the vault. It cannot be recovered: if you forget it, only a backup restores your credentials.</source>
        <translation>Désormais, c’est le nouveau mot de passe qui ouvre le coffre. Il ne peut pas être récupéré&#xa0;: si vous l’oubliez, seule une sauvegarde permettra de restaurer vos identifiants.</translation>
    </message>
    <message>
        <source>Note about the vault password</source>
        <translation>Remarque sur le mot de passe du coffre</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>C&amp;hange Password</source>
        <translation>C&amp;hanger le mot de passe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>This server does not offer changing the password. Ask its administrator to change it for you.</source>
        <translation>Ce serveur ne permet pas de changer le mot de passe. Demandez à son administrateur de le changer pour vous.</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Saisissez votre mot de passe actuel.</translation>
    </message>
    <message>
        <source>Enter a new password.</source>
        <translation>Saisissez un nouveau mot de passe.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one. Choose a different one.</source>
        <translation>Le nouveau mot de passe est identique au mot de passe actuel. Choisissez-en un autre.</translation>
    </message>
    <message>
        <source>The two new passwords do not match. Type the new password again.</source>
        <translation>Les deux nouveaux mots de passe ne correspondent pas. Ressaisissez le nouveau mot de passe.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ChangedNotice</name>
    <message>
        <source>Re&amp;load</source>
        <translation>Rec&amp;harger</translation>
    </message>
    <message>
        <source>Reload the credential</source>
        <translation>Recharger l’identifiant</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CredentialDialog</name>
    <message>
        <source>Add payment credential</source>
        <translation>Ajouter un identifiant de paiement</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>The provider of a credential cannot change: add a new credential for another provider.</source>
        <translation>Le fournisseur d’un identifiant ne peut pas être modifié&#xa0;: ajoutez un nouvel identifiant pour un autre fournisseur.</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Leave empty to keep the current API key</source>
        <translation>Laissez vide pour conserver la clé API actuelle</translation>
    </message>
    <message>
        <source>The API key the provider gave you</source>
        <translation>La clé API que le fournisseur vous a remise</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>Fo&amp;urnisseur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;API key:</source>
        <translation>&amp;Clé API&#xa0;:</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>The private key the provider gave you</source>
        <translation>La clé privée que le fournisseur vous a remise</translation>
    </message>
    <message>
        <source>P&amp;rivate key:</source>
        <translation>Clé &amp;privée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>En&amp;vironnement&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;ctive: payments may use this credential</source>
        <translation>Ac&amp;tif&#xa0;: les paiements peuvent utiliser cet identifiant</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Live keys move real money. Check that they are the live keys your provider gave you before you save.</source>
        <translation>Les clés de production font circuler de l’argent réel. Avant d’enregistrer, vérifiez qu’il s’agit bien des clés de production que votre fournisseur vous a remises.</translation>
    </message>
    <message>
        <source>Live environment warning</source>
        <translation>Avertissement&#xa0;: environnement de production</translation>
    </message>
    <message>
        <source>Choose a provider.</source>
        <translation>Choisissez un fournisseur.</translation>
    </message>
    <message>
        <source>Enter the api key.</source>
        <translation>Saisissez la clé API.</translation>
    </message>
    <message>
        <source>Enter the private key.</source>
        <translation>Saisissez la clé privée.</translation>
    </message>
    <message>
        <source>The credential could not be saved. Try again.</source>
        <translation>Impossible d’enregistrer l’identifiant. Réessayez.</translation>
    </message>
    <message>
        <source>Someone else changed this credential after you opened it. Reload it to see it as it is now, then save your change again.</source>
        <translation>Quelqu’un d’autre a modifié cet identifiant après que vous l’avez ouvert. Rechargez-le pour le voir dans son état actuel, puis enregistrez de nouveau votre modification.</translation>
    </message>
    <message>
        <source>Environment warning</source>
        <translation>Avertissement sur l’environnement</translation>
    </message>
    <message>
        <source>These look like live %1 keys, but Sandbox is chosen.</source>
        <translation>Ces clés ressemblent à des clés %1 de production, mais l’environnement choisi est Bac à sable.</translation>
    </message>
    <message>
        <source>These look like sandbox (test) %1 keys, but Live is chosen.</source>
        <translation>Ces clés ressemblent à des clés %1 de bac à sable (test), mais l’environnement choisi est Production.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::CredentialTableModel</name>
    <message>
        <source>Live</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Live: these keys move real money.</source>
        <translation>Production&#xa0;: ces clés font circuler de l’argent réel.</translation>
    </message>
    <message>
        <source>Sandbox: for testing; no real money moves.</source>
        <translation>Bac à sable&#xa0;: pour les tests&#xa0;; aucun argent réel ne circule.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Environnement</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour le</translation>
    </message>
    <message>
        <source>Inactive: marked not to be used for payments. The keys are kept, and their owner can still reveal and verify them.</source>
        <translation>Inactif&#xa0;: marqué pour ne pas servir aux paiements. Les clés sont conservées, et leur propriétaire peut toujours les afficher et les vérifier.</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>Dernière vérification</translation>
    </message>
</context>
<context>
    <name>paycred::ui::DesktopApp</name>
    <message numerus="yes">
        <source>PayCred locked itself after %n minute(s) without activity. Sign in to go on.</source>
        <translation>
            <numerusform>PayCred s’est verrouillé après %n minute d’inactivité. Connectez-vous pour continuer.</numerusform>
            <numerusform>PayCred s’est verrouillé après %n minutes d’inactivité. Connectez-vous pour continuer.</numerusform>
        </translation>
    </message>
    <message>
        <source>PayCred locked itself when the screen was locked. Sign in to go on.</source>
        <translation>PayCred s’est verrouillé en même temps que l’écran. Connectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>You are logged out.</source>
        <translation>Déconnexion effectuée.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::FieldError</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>paycred::ui::FileField</name>
    <message>
        <source>PayCred backups (*.paycred-backup);;All files (*)</source>
        <translation>Sauvegardes PayCred (*.paycred-backup);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>PayCred vaults (*.paycred);;All files (*)</source>
        <translation>Coffres PayCred (*.paycred);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;JSON Lines files (*.jsonl)</source>
        <translation>Fichiers CSV (*.csv);;Fichiers JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>Audit log checkpoints (*.checkpoint.json);;All files (*)</source>
        <translation>Points de contrôle du journal d’audit (*.checkpoint.json);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::GeneratedPasswordDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>New Password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Generated password</source>
        <translation>Mot de passe généré</translation>
    </message>
    <message>
        <source>The password of %1 is shown this once: give it to them in a safe way now. If it is lost, reset it again.</source>
        <translation>Le mot de passe de %1 n’est affiché que cette fois-ci&#xa0;: transmettez-le-lui dès maintenant par un moyen sûr. S’il est perdu, réinitialisez-le de nouveau.</translation>
    </message>
    <message>
        <source>Copy the password</source>
        <translation>Copier le mot de passe</translation>
    </message>
    <message numerus="yes">
        <source>Copied: cleared in %n s</source>
        <translation>
            <numerusform>Copié&#xa0;: effacement dans %n&#xa0;s</numerusform>
            <numerusform>Copié&#xa0;: effacement dans %n&#xa0;s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paycred::ui::KeyEntry</name>
    <message>
        <source>Busy</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>paycred::ui::LoginWindow</name>
    <message>
        <source>Sign in to PayCred</source>
        <translation>Connexion à PayCred</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>&amp;Local vault</source>
        <translation>&amp;Coffre local</translation>
    </message>
    <message>
        <source>Local vault</source>
        <translation>Coffre local</translation>
    </message>
    <message>
        <source>Keep the credentials in an encrypted file on this computer</source>
        <translation>Conserver les identifiants dans un fichier chiffré sur cet ordinateur</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Serveur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Work with the credentials kept on a PayCred server</source>
        <translation>Utiliser les identifiants conservés sur un serveur PayCred</translation>
    </message>
    <message>
        <source>Open another vault &amp;file…</source>
        <translation>Ouvrir un autre &amp;fichier de coffre…</translation>
    </message>
    <message>
        <source>Open another vault file</source>
        <translation>Ouvrir un autre fichier de coffre</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Remember me</source>
        <translation>Se souvenir &amp;de moi</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>Se souvenir de moi</translation>
    </message>
    <message>
        <source>Keep the sign-in in your system keychain, so PayCred opens without the password next time</source>
        <translation>Conserver la connexion dans le trousseau de clés de votre système, pour que PayCred s’ouvre sans mot de passe la prochaine fois</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>Se co&amp;nnecter</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;veur&#xa0;:</translation>
    </message>
    <message>
        <source>Vault file:</source>
        <translation>Fichier du coffre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d’&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Create your vault</source>
        <translation>Créez votre coffre</translation>
    </message>
    <message>
        <source>There is no vault on this computer yet. Choose the name and password you will sign in with.</source>
        <translation>Il n’y a pas encore de coffre sur cet ordinateur. Choisissez le nom et le mot de passe avec lesquels vous vous connecterez.</translation>
    </message>
    <message>
        <source>Owner username</source>
        <translation>Nom d’utilisateur du propriétaire</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Robustesse du mot de passe</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Confirmer le mot de passe</translation>
    </message>
    <message>
        <source>Why the vault cannot be created yet</source>
        <translation>Pourquoi le coffre ne peut pas encore être créé</translation>
    </message>
    <message>
        <source>If you forget this password, nobody can recover the vault or the keys in it. Keep it somewhere safe.</source>
        <translation>Si vous oubliez ce mot de passe, personne ne pourra récupérer le coffre ni les clés qu’il contient. Conservez-le en lieu sûr.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>&amp;Create vault</source>
        <translation>Cré&amp;er le coffre</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Créer le coffre</translation>
    </message>
    <message>
        <source>C&amp;onfirm:</source>
        <translation>C&amp;onfirmer&#xa0;:</translation>
    </message>
    <message>
        <source>The password needs at least %1 characters (%2 more).</source>
        <translation>Le mot de passe doit comporter au moins %1 caractères (il en manque %2).</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>Les deux mots de passe ne correspondent pas.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, starting with https://</source>
        <translation>Saisissez l’adresse du serveur, commençant par https://</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Saisissez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Opening the vault…</source>
        <translation>Ouverture du coffre…</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Creating the vault (this takes a moment)…</source>
        <translation>Création du coffre (cela prend un moment)…</translation>
    </message>
    <message>
        <source>The username or password is wrong. Check them and try again.</source>
        <translation>Le nom d’utilisateur ou le mot de passe est incorrect. Vérifiez-les et réessayez.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1. Check the address and that the server is running, then try again.</source>
        <translation>Impossible de joindre le serveur %1. Vérifiez l’adresse et assurez-vous que le serveur fonctionne, puis réessayez.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer in time. Check your network connection and that the server is running, then try again.</source>
        <translation>Le serveur %1 n’a pas répondu à temps. Vérifiez votre connexion réseau et assurez-vous que le serveur fonctionne, puis réessayez.</translation>
    </message>
    <message>
        <source>You can sign in again now.</source>
        <translation>Vous pouvez de nouveau vous connecter.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait %1 s and try again.</source>
        <translation>Trop de tentatives de connexion. Patientez %1&#xa0;s, puis réessayez.</translation>
    </message>
    <message>
        <source>PayCred did not sign in, because the server&apos;s certificate is not trusted.</source>
        <translation>PayCred ne s’est pas connecté, car le certificat du serveur n’est pas approuvé.</translation>
    </message>
    <message>
        <source>Signing you in as %1…</source>
        <translation>Connexion en tant que %1…</translation>
    </message>
    <message>
        <source>Open a vault file</source>
        <translation>Ouvrir un fichier de coffre</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <source>Restore a vault from a backup file</source>
        <translation>Restaurer un coffre à partir d’un fichier de sauvegarde</translation>
    </message>
    <message>
        <source>The backup was restored to %1. Sign in with the password you had when the backup was made.</source>
        <translation>La sauvegarde a été restaurée dans %1. Connectez-vous avec le mot de passe que vous aviez au moment de la sauvegarde.</translation>
    </message>
    <message>
        <source>Unencrypted connection</source>
        <translation>Connexion non chiffrée</translation>
    </message>
    <message>
        <source>%1 is an http:// address: the connection to it is not encrypted.</source>
        <translation>%1 est une adresse http://&#xa0;: la connexion à ce serveur n’est pas chiffrée.</translation>
    </message>
    <message>
        <source>Your password, your session and every key you reveal would travel unencrypted: anyone on the network between you and the server could read them. Use the server&apos;s https:// address instead; connect unencrypted only if your administrator says this network is private.</source>
        <translation>Votre mot de passe, votre session et chaque clé que vous affichez circuleraient en clair&#xa0;: toute personne présente sur le réseau entre vous et le serveur pourrait les lire. Utilisez plutôt l’adresse https:// du serveur&#xa0;; ne vous connectez sans chiffrement que si votre administrateur confirme que ce réseau est privé.</translation>
    </message>
    <message>
        <source>Connect unencrypted</source>
        <translation>Se connecter sans chiffrement</translation>
    </message>
    <message>
        <source>PayCred did not sign in: the connection to %1 would not be encrypted. Use the server&apos;s https:// address.</source>
        <translation>PayCred ne s’est pas connecté&#xa0;: la connexion à %1 ne serait pas chiffrée. Utilisez l’adresse https:// du serveur.</translation>
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
        <translation>La clé privée a été effacée du presse-papiers.</translation>
    </message>
    <message>
        <source>&amp;New credential…</source>
        <translation>&amp;Nouvel identifiant…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Re&amp;place private key…</source>
        <translation>&amp;Remplacer la clé privée…</translation>
    </message>
    <message>
        <source>&amp;Verify private key…</source>
        <translation>&amp;Vérifier la clé privée…</translation>
    </message>
    <message>
        <source>&amp;Copy private key</source>
        <translation>&amp;Copier la clé privée</translation>
    </message>
    <message>
        <source>&amp;Reveal private key…</source>
        <translation>A&amp;fficher la clé privée…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Dés&amp;activer</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Rec&amp;hercher</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>Changer le &amp;mot de passe…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>&amp;Back up vault…</source>
        <translation>&amp;Sauvegarder le coffre…</translation>
    </message>
    <message>
        <source>Restore from bac&amp;kup…</source>
        <translation>&amp;Restaurer depuis une sauvegarde…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Déconnexion</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;Lock vault</source>
        <translation>&amp;Verrouiller le coffre</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Credential</source>
        <translation>&amp;Identifiant</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Filter credentials</source>
        <translation>Filtrer les identifiants</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrer (Ctrl+F)</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Your payment credentials</source>
        <translation>Vos identifiants de paiement</translation>
    </message>
    <message>
        <source>Local vault</source>
        <translation>Coffre local</translation>
    </message>
    <message>
        <source>%1 · signed in as %2</source>
        <translation>%1 · connecté en tant que %2</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Traitement en cours</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>&amp;Activer</translation>
    </message>
    <message numerus="yes">
        <source>Clipboard clears in %n s</source>
        <translation>
            <numerusform>Effacement du presse-papiers dans %n&#xa0;s</numerusform>
            <numerusform>Effacement du presse-papiers dans %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>Identifiant %1 ajouté.</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>Identifiant %1 enregistré.</translation>
    </message>
    <message>
        <source>The private key of %1 was replaced.</source>
        <translation>La clé privée de %1 a été remplacée.</translation>
    </message>
    <message>
        <source>%1 is a live key: it moves real money. Enter your password to use it.</source>
        <translation>La clé de %1 est une clé de production&#xa0;: elle fait circuler de l’argent réel. Saisissez votre mot de passe pour l’utiliser.</translation>
    </message>
    <message numerus="yes">
        <source>The private key is on the clipboard for %n s; it is cleared after that.</source>
        <translation>
            <numerusform>La clé privée reste dans le presse-papiers pendant %n&#xa0;s&#xa0;; elle sera ensuite effacée.</numerusform>
            <numerusform>La clé privée reste dans le presse-papiers pendant %n&#xa0;s&#xa0;; elle sera ensuite effacée.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is active again.</source>
        <translation>L’identifiant %1 est de nouveau actif.</translation>
    </message>
    <message>
        <source>Delete credentials</source>
        <translation>Supprimer l’identifiant</translation>
    </message>
    <message>
        <source>Delete the %1 credentials?</source>
        <translation>Supprimer l’identifiant %1&#xa0;?</translation>
    </message>
    <message>
        <source>The api key and private key are removed for good, and whatever uses them stops working. This cannot be undone.</source>
        <translation>La clé API et la clé privée seront définitivement supprimées, et tout ce qui les utilise cessera de fonctionner. Cette action est irréversible.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>Identifiant %1 supprimé.</translation>
    </message>
    <message>
        <source>Your password was changed. Use the new one from now on.</source>
        <translation>Votre mot de passe a été changé. Utilisez désormais le nouveau.</translation>
    </message>
    <message>
        <source>The vault is locked. Sign in to open it again.</source>
        <translation>Le coffre est verrouillé. Connectez-vous pour l’ouvrir de nouveau.</translation>
    </message>
    <message>
        <source>PayCred is locked. Sign in to go on.</source>
        <translation>PayCred est verrouillé. Connectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>Your session has ended. Enter your password to go on; what you were typing is kept.</source>
        <translation>Votre session a pris fin. Saisissez votre mot de passe pour continuer&#xa0;; votre saisie en cours est conservée.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in to go on.</source>
        <translation>Votre session a pris fin. Connectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>%1 (live)</source>
        <translation>%1 (production)</translation>
    </message>
    <message>
        <source>%1 (sandbox)</source>
        <translation>%1 (bac à sable)</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copier la clé</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Vérifier</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <comment>the next provider in a list of providers</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No credentials yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Add the api key and private key your provider gave you (%1) with &lt;b&gt;New credential&lt;/b&gt; (%2).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Aucun identifiant pour le moment.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Ajoutez la clé API et la clé privée que votre fournisseur vous a remises (%1) avec &lt;b&gt;Nouvel identifiant&lt;/b&gt; (%2).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Administration…</source>
        <translation>Ad&amp;ministration…</translation>
    </message>
    <message>
        <source>The Administration window was closed: only a superuser can use it, on a server that offers it. Sign in as a superuser to administer PayCred.</source>
        <translation>La fenêtre Administration a été fermée&#xa0;: seul un superutilisateur peut l’utiliser, sur un serveur qui la propose. Connectez-vous en tant que superutilisateur pour administrer PayCred.</translation>
    </message>
    <message>
        <source>&amp;Sessions…</source>
        <translation>&amp;Sessions…</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>Se déconnecter pa&amp;rtout</translation>
    </message>
    <message>
        <source>The server still wants your password confirmed before it reveals %1. Try again in a moment.</source>
        <translation>Le serveur demande toujours la confirmation de votre mot de passe avant d’afficher la clé de %1. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The server asks you to confirm your password before it reveals %1, a live key.</source>
        <translation>Le serveur vous demande de confirmer votre mot de passe avant d’afficher la clé de %1, qui est une clé de production.</translation>
    </message>
    <message>
        <source>This server cannot sign you out everywhere: use Log out on each computer instead.</source>
        <translation>Ce serveur ne peut pas vous déconnecter partout&#xa0;: utilisez plutôt Déconnexion sur chaque ordinateur.</translation>
    </message>
    <message numerus="yes">
        <source>You were signed out everywhere (%n session(s)).</source>
        <translation>
            <numerusform>Toutes vos sessions ont été fermées (%n session).</numerusform>
            <numerusform>Toutes vos sessions ont été fermées (%n sessions).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is inactive: marked not to be used for payments. Its keys are kept, and you can still reveal and verify them.</source>
        <translation>L’identifiant %1 est inactif&#xa0;: marqué pour ne pas servir aux paiements. Ses clés sont conservées, et vous pouvez toujours les afficher et les vérifier.</translation>
    </message>
    <message>
        <source>C&amp;heck with provider</source>
        <translation>Vérifier a&amp;uprès du fournisseur</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôler</translation>
    </message>
</context>
<context>
    <name>paycred::ui::OverviewTab</name>
    <message>
        <source>Credentials per provider, in numbers</source>
        <translation>Identifiants par fournisseur, en chiffres</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactifs</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; users (%2 active) · &lt;b&gt;%3&lt;/b&gt; credentials</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; utilisateurs (%2 actifs) · &lt;b&gt;%3&lt;/b&gt; identifiants</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>Tous les fournisseurs</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PagedTableModel</name>
    <message>
        <source>The server cannot sort by this column.</source>
        <translation>Le serveur ne peut pas trier selon cette colonne.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordChoice</name>
    <message>
        <source>&amp;Type a password</source>
        <translation>&amp;Saisir un mot de passe</translation>
    </message>
    <message>
        <source>&amp;Generate one (shown once, after it is saved)</source>
        <translation>&amp;Générer un mot de passe (affiché une seule fois, après l’enregistrement)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Confirm the password</source>
        <translation>Confirmer le mot de passe</translation>
    </message>
    <message>
        <source>Password error</source>
        <translation>Erreur de mot de passe</translation>
    </message>
    <message>
        <source>Password strength</source>
        <translation>Robustesse du mot de passe</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Con&amp;firm:</source>
        <translation>Co&amp;nfirmer&#xa0;:</translation>
    </message>
    <message>
        <source>Type a password, or choose a generated one.</source>
        <translation>Saisissez un mot de passe, ou choisissez d’en générer un.</translation>
    </message>
    <message>
        <source>The two passwords do not match. Type the password again in Confirm.</source>
        <translation>Les deux mots de passe ne correspondent pas. Ressaisissez le mot de passe dans Confirmer.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordField</name>
    <message>
        <source>Show or hide what you typed</source>
        <translation>Afficher ou masquer votre saisie</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Afficher %1</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PasswordPrompt</name>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Vérification du mot de passe…</translation>
    </message>
    <message>
        <source>Sign In Again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <source>Confirm Password</source>
        <translation>Confirmer le mot de passe</translation>
    </message>
    <message>
        <source>Why the password is needed</source>
        <translation>Pourquoi le mot de passe est nécessaire</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Sign In</source>
        <translation>Se co&amp;nnecter</translation>
    </message>
    <message>
        <source>C&amp;onfirm</source>
        <translation>&amp;Confirmer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Enter your username.</source>
        <translation>Saisissez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>That is not your password. Try again.</source>
        <translation>Ce mot de passe est incorrect. Réessayez.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::PreferencesDialog</name>
    <message>
        <source>Seconds before the clipboard is cleared</source>
        <translation>Secondes avant l’effacement du presse-papiers</translation>
    </message>
    <message>
        <source> s</source>
        <translation>&#xa0;s</translation>
    </message>
    <message>
        <source>Seconds a revealed key stays visible</source>
        <translation>Secondes pendant lesquelles une clé affichée reste visible</translation>
    </message>
    <message>
        <source>Minutes without use before the app locks</source>
        <translation>Minutes d’inactivité avant le verrouillage de l’application</translation>
    </message>
    <message>
        <source> min</source>
        <translation>&#xa0;min</translation>
    </message>
    <message>
        <source>Ask for my &amp;password before revealing a live key</source>
        <translation>Demander mon mot de &amp;passe avant d’afficher une clé de production</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Ask for the password before revealing a live key</source>
        <translation>Demander le mot de passe avant d’afficher une clé de production</translation>
    </message>
    <message>
        <source>Clear a copied key from the &amp;clipboard after:</source>
        <translation>&amp;Effacer une clé copiée du presse-papiers après&#xa0;:</translation>
    </message>
    <message>
        <source>Hide a &amp;revealed key after:</source>
        <translation>&amp;Masquer une clé affichée après&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Lock after this long without use:</source>
        <translation>&amp;Verrouiller après cette durée d’inactivité&#xa0;:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>PayCred speaks the new language from its next start.</source>
        <translation>PayCred utilisera la nouvelle langue à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Language of the app</source>
        <translation>Langue de l’application</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RememberedLogin</name>
    <message>
        <source>Your system keychain is not available, so PayCred cannot remember you; sign in with your password.</source>
        <translation>Le trousseau de clés de votre système n’est pas disponible&#xa0;: PayCred ne peut donc pas se souvenir de vous&#xa0;; connectez-vous avec votre mot de passe.</translation>
    </message>
    <message>
        <source>The vault is locked, so there is nothing to remember.</source>
        <translation>Le coffre est verrouillé&#xa0;: il n’y a donc rien à mémoriser.</translation>
    </message>
    <message>
        <source>The server gave no session to remember.</source>
        <translation>Le serveur n’a fourni aucune session à mémoriser.</translation>
    </message>
    <message>
        <source>PayCred does not remember you on this computer any more; sign in with your password.</source>
        <translation>PayCred ne se souvient plus de vous sur cet ordinateur&#xa0;; connectez-vous avec votre mot de passe.</translation>
    </message>
    <message>
        <source>The remembered unlock no longer opens this vault; sign in with your password.</source>
        <translation>Le déverrouillage mémorisé n’ouvre plus ce coffre&#xa0;; connectez-vous avec votre mot de passe.</translation>
    </message>
    <message>
        <source>Your remembered sign-in has ended; sign in with your password.</source>
        <translation>Votre connexion mémorisée a pris fin&#xa0;; connectez-vous avec votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::ReplaceKeyDialog</name>
    <message>
        <source>New private key</source>
        <translation>Nouvelle clé privée</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Replace private key</source>
        <translation>Remplacer la clé privée</translation>
    </message>
    <message>
        <source>Enter the new private key for %1. The current key is replaced and cannot be brought back.</source>
        <translation>Saisissez la nouvelle clé privée de %1. La clé actuelle sera remplacée et ne pourra pas être récupérée.</translation>
    </message>
    <message>
        <source>New &amp;private key:</source>
        <translation>Nouvelle clé &amp;privée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Remplacer</translation>
    </message>
    <message>
        <source>Replace the private key</source>
        <translation>Remplacer la clé privée</translation>
    </message>
    <message>
        <source>Enter the new private key.</source>
        <translation>Saisissez la nouvelle clé privée.</translation>
    </message>
    <message>
        <source>The private key could not be replaced. Try again.</source>
        <translation>Impossible de remplacer la clé privée. Réessayez.</translation>
    </message>
    <message>
        <source>Someone else changed this credential after you opened it. Reload it to see it as it is now, then enter the new key again.</source>
        <translation>Quelqu’un d’autre a modifié cet identifiant après que vous l’avez ouvert. Rechargez-le pour le voir dans son état actuel, puis ressaisissez la nouvelle clé.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RestoreDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Par&amp;courir…</translation>
    </message>
    <message>
        <source>Backup passphrase</source>
        <translation>Phrase secrète de la sauvegarde</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>Erreur de fichier</translation>
    </message>
    <message>
        <source>Passphrase error</source>
        <translation>Erreur de phrase secrète</translation>
    </message>
    <message>
        <source>Import a Backup</source>
        <translation>Importer une sauvegarde</translation>
    </message>
    <message>
        <source>Restore a Vault</source>
        <translation>Restaurer un coffre</translation>
    </message>
    <message>
        <source>Copies the credentials of a backup into this vault, each to the user of the same name.</source>
        <translation>Copie les identifiants d’une sauvegarde dans ce coffre, en attribuant chacun à l’utilisateur du même nom.</translation>
    </message>
    <message>
        <source>Writes the vault saved in a backup as a new vault file. Its users sign in with the passwords they had when the backup was made.</source>
        <translation>Enregistre le coffre contenu dans une sauvegarde sous la forme d’un nouveau fichier de coffre. Ses utilisateurs se connectent avec les mots de passe qu’ils avaient au moment de la sauvegarde.</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Fichier de sauvegarde</translation>
    </message>
    <message>
        <source>Choose the backup file</source>
        <translation>Choisir le fichier de sauvegarde</translation>
    </message>
    <message>
        <source>Backup &amp;file:</source>
        <translation>Fichier de sau&amp;vegarde&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>Where the restored vault goes</source>
        <translation>Emplacement du coffre restauré</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Parco&amp;urir…</translation>
    </message>
    <message>
        <source>Choose where the restored vault goes</source>
        <translation>Choisir l’emplacement du coffre restauré</translation>
    </message>
    <message>
        <source>Restore &amp;as:</source>
        <translation>Restaurer &amp;sous&#xa0;:</translation>
    </message>
    <message>
        <source>When the vault already has credentials for a provider</source>
        <translation>Si le coffre contient déjà des identifiants pour un fournisseur</translation>
    </message>
    <message>
        <source>Skip credentials the vault already has</source>
        <translation>Ignorer les identifiants déjà présents dans le coffre</translation>
    </message>
    <message>
        <source>Replace them with the backup&apos;s</source>
        <translation>Les remplacer par ceux de la sauvegarde</translation>
    </message>
    <message>
        <source>&amp;Existing credentials:</source>
        <translation>Identifiants &amp;existants&#xa0;:</translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation>Progression de la restauration</translation>
    </message>
    <message>
        <source>Import summary</source>
        <translation>Récapitulatif de l’importation</translation>
    </message>
    <message>
        <source>What the import did</source>
        <translation>Détail de l’importation</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Backups are imported into a local vault. Sign in to the vault first.</source>
        <translation>Les sauvegardes sont importées dans un coffre local. Connectez-vous d’abord au coffre.</translation>
    </message>
    <message>
        <source>Choose a Backup</source>
        <translation>Choisir une sauvegarde</translation>
    </message>
    <message>
        <source>Restore the Vault As</source>
        <translation>Restaurer le coffre sous</translation>
    </message>
    <message>
        <source>Choose the backup file to restore.</source>
        <translation>Choisissez le fichier de sauvegarde à restaurer.</translation>
    </message>
    <message>
        <source>Choose where the restored vault goes.</source>
        <translation>Choisissez l’emplacement du coffre restauré.</translation>
    </message>
    <message>
        <source>Enter the passphrase the backup was made with.</source>
        <translation>Saisissez la phrase secrète utilisée pour créer la sauvegarde.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Remplacé</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Ignoré&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 imported, %2 replaced, %3 skipped</source>
        <translation>Importés&#xa0;: %1, remplacés&#xa0;: %2, ignorés&#xa0;: %3</translation>
    </message>
    <message>
        <source>The backup was imported.</source>
        <translation>La sauvegarde a été importée.</translation>
    </message>
    <message>
        <source>The vault was restored to %1.</source>
        <translation>Le coffre a été restauré dans %1.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::RevealKeyDialog</name>
    <message>
        <source>Private key</source>
        <translation>Clé privée</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>Aff&amp;icher</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Private key of %1</source>
        <translation>Clé privée de %1</translation>
    </message>
    <message>
        <source>%1 — credential #%2</source>
        <translation>%1 — identifiant n°&#xa0;%2</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé API&#xa0;:</translation>
    </message>
    <message>
        <source>Show the private key</source>
        <translation>Afficher la clé privée</translation>
    </message>
    <message>
        <source>Copy the private key</source>
        <translation>Copier la clé privée</translation>
    </message>
    <message>
        <source>Private key:</source>
        <translation>Clé privée&#xa0;:</translation>
    </message>
    <message>
        <source>Time until the key is hidden</source>
        <translation>Temps restant avant le masquage de la clé</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>&amp;Hide</source>
        <translation>&amp;Masquer</translation>
    </message>
    <message>
        <source>Hide the private key</source>
        <translation>Masquer la clé privée</translation>
    </message>
    <message>
        <source>Hidden again in %1 s</source>
        <translation>Masquée de nouveau dans %1&#xa0;s</translation>
    </message>
</context>
<context>
    <name>paycred::ui::SessionTableModel</name>
    <message>
        <source>this computer</source>
        <translation>cet ordinateur</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 (this session)</source>
        <translation>%1 (cette session)</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
</context>
<context>
    <name>paycred::ui::SessionsDialog</name>
    <message>
        <source>&amp;End session</source>
        <translation>&amp;Terminer la session</translation>
    </message>
    <message>
        <source>Sign out &amp;everywhere</source>
        <translation>Se déconnecter &amp;partout</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Where you are signed in. End a session you do not recognise, or sign out everywhere (this computer included).</source>
        <translation>Vos sessions ouvertes. Terminez toute session que vous ne reconnaissez pas, ou déconnectez-vous partout (y compris sur cet ordinateur).</translation>
    </message>
    <message>
        <source>This server does not keep a list of sessions: there is nothing to show or end here.</source>
        <translation>Ce serveur ne tient pas de liste des sessions&#xa0;: il n’y a rien à afficher ni à terminer ici.</translation>
    </message>
    <message>
        <source>The sessions could not be read. Try again in a moment.</source>
        <translation>Impossible de lire les sessions. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>Loading the sessions…</source>
        <translation>Chargement des sessions…</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s).</source>
        <translation>
            <numerusform>%n session.</numerusform>
            <numerusform>%n sessions.</numerusform>
        </translation>
    </message>
    <message>
        <source>This session was ended. Sign in to go on.</source>
        <translation>Cette session a été terminée. Connectez-vous pour continuer.</translation>
    </message>
    <message>
        <source>The session was ended: its app must sign in again.</source>
        <translation>La session a été terminée&#xa0;: son application devra se reconnecter.</translation>
    </message>
    <message numerus="yes">
        <source>You were signed out everywhere (%n session(s)).</source>
        <translation>
            <numerusform>Toutes vos sessions ont été fermées (%n session).</numerusform>
            <numerusform>Toutes vos sessions ont été fermées (%n sessions).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paycred::ui::StatsChart</name>
    <message>
        <source>Credentials per provider</source>
        <translation>Identifiants par fournisseur</translation>
    </message>
    <message>
        <source>%1: %2 sandbox, %3 live, %4 inactive</source>
        <translation>%1&#xa0;: %2 en bac à sable, %3 en production, %4 inactifs</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Bac à sable</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Production</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactifs</translation>
    </message>
</context>
<context>
    <name>paycred::ui::StatusLabel</name>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UserDialog</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Reset Password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>Create User</source>
        <translation>Créer un utilisateur</translation>
    </message>
    <message>
        <source>A new password for %1. They are signed out everywhere and sign in again with it.</source>
        <translation>Nouveau mot de passe pour %1&#xa0;: toutes ses sessions seront fermées, et la reconnexion se fera avec ce mot de passe.</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Username error</source>
        <translation>Erreur de nom d’utilisateur</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Nom d’&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Superuser (administers users and every credential)</source>
        <translation>Su&amp;perutilisateur (administre les utilisateurs et tous les identifiants)</translation>
    </message>
    <message>
        <source>&amp;Reset Password</source>
        <translation>&amp;Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>Cr&amp;eate User</source>
        <translation>&amp;Créer l’utilisateur</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s username.</source>
        <translation>Saisissez le nom d’utilisateur du nouvel utilisateur.</translation>
    </message>
    <message>
        <source>%1 Nothing was saved: try again.</source>
        <translation>%1 Rien n’a été enregistré&#xa0;: réessayez.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UsersModel</name>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Superuser</source>
        <translation>Superutilisateur</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>Dernière connexion</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Verrouillé jusqu’au</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Too many wrong passwords: %1 cannot sign in until then. Unlock lets them try again now.</source>
        <translation>Trop de mots de passe erronés&#xa0;: %1 ne peut pas se connecter d’ici là. Déverrouiller lui permet de réessayer dès maintenant.</translation>
    </message>
    <message>
        <source>User %1 (id %2)</source>
        <translation>Utilisateur %1 (ID %2)</translation>
    </message>
</context>
<context>
    <name>paycred::ui::UsersTab</name>
    <message>
        <source>&amp;New User…</source>
        <translation>&amp;Nouvel utilisateur…</translation>
    </message>
    <message>
        <source>&amp;Reset Password…</source>
        <translation>Réinitialiser le &amp;mot de passe…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Désact&amp;iver</translation>
    </message>
    <message>
        <source>&amp;Promote to Superuser</source>
        <translation>&amp;Promouvoir en superutilisateur</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>&amp;Delete User…</source>
        <translation>&amp;Supprimer l’utilisateur…</translation>
    </message>
    <message>
        <source>Every user</source>
        <translation>Tous les utilisateurs</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Username contains…</source>
        <translation>Le nom d’utilisateur contient…</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actifs</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>Actifs ou non</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactifs</translation>
    </message>
    <message>
        <source>Superuser</source>
        <translation>Superutilisateur</translation>
    </message>
    <message>
        <source>Every role</source>
        <translation>Tous les rôles</translation>
    </message>
    <message>
        <source>Superusers</source>
        <translation>Superutilisateurs</translation>
    </message>
    <message>
        <source>Not superusers</source>
        <translation>Utilisateurs standard</translation>
    </message>
    <message>
        <source>Ac&amp;tivate</source>
        <translation>A&amp;ctiver</translation>
    </message>
    <message>
        <source>De&amp;mote to Plain User</source>
        <translation>&amp;Rétrograder en utilisateur standard</translation>
    </message>
    <message>
        <source>Matching users: %L1</source>
        <translation>Utilisateurs correspondants&#xa0;: %L1</translation>
    </message>
    <message>
        <source>User %1 created.</source>
        <translation>Utilisateur %1 créé.</translation>
    </message>
    <message>
        <source>%1 has a new password and was signed out everywhere.</source>
        <translation>%1 a un nouveau mot de passe&#xa0;; toutes ses sessions ont été fermées.</translation>
    </message>
    <message>
        <source>%1 is active again and can sign in.</source>
        <translation>%1 est de nouveau actif et peut se connecter.</translation>
    </message>
    <message>
        <source>%1 is deactivated: signed out everywhere, and cannot sign in until activated again.</source>
        <translation>%1 est désactivé&#xa0;: toutes ses sessions ont été fermées, et la connexion restera impossible jusqu’à sa réactivation.</translation>
    </message>
    <message>
        <source>%1 is a superuser now.</source>
        <translation>%1 est désormais superutilisateur.</translation>
    </message>
    <message>
        <source>%1 is a plain user now.</source>
        <translation>%1 est désormais un utilisateur standard.</translation>
    </message>
    <message>
        <source>%1 is unlocked and can try to sign in again.</source>
        <translation>%1 est déverrouillé et peut de nouveau tenter de se connecter.</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Supprimer l’utilisateur</translation>
    </message>
    <message>
        <source>Delete the user %1?</source>
        <translation>Supprimer l’utilisateur %1&#xa0;?</translation>
    </message>
    <message>
        <source>They have no credentials. Their audit events stay. This cannot be undone.</source>
        <translation>Cet utilisateur n’a aucun identifiant. Ses événements d’audit sont conservés. Cette action est irréversible.</translation>
    </message>
    <message numerus="yes">
        <source>Their %n credential(s) are deleted with them, and whatever runs with those keys stops working. Their audit events stay. This cannot be undone.</source>
        <translation>
            <numerusform>%n identifiant sera supprimé avec cet utilisateur, et tout ce qui utilise ces clés cessera de fonctionner. Ses événements d’audit sont conservés. Cette action est irréversible.</numerusform>
            <numerusform>%n identifiants seront supprimés avec cet utilisateur, et tout ce qui utilise ces clés cessera de fonctionner. Ses événements d’audit sont conservés. Cette action est irréversible.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message numerus="yes">
        <source>User %1 deleted, with %n credential(s).</source>
        <translation>
            <numerusform>Utilisateur %1 supprimé, avec %n identifiant.</numerusform>
            <numerusform>Utilisateur %1 supprimé, avec %n identifiants.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 Another superuser can do it for your account.</source>
        <translation>%1 Un autre superutilisateur peut le faire pour votre compte.</translation>
    </message>
</context>
<context>
    <name>paycred::ui::VerifyKeyDialog</name>
    <message>
        <source>Private key to check</source>
        <translation>Clé privée à vérifier</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Verify private key</source>
        <translation>Vérifier la clé privée</translation>
    </message>
    <message>
        <source>Enter a private key to check whether it is the one stored for %1. The stored key is not shown.</source>
        <translation>Saisissez une clé privée pour vérifier s’il s’agit de celle enregistrée pour %1. La clé enregistrée n’est pas affichée.</translation>
    </message>
    <message>
        <source>&amp;Private key:</source>
        <translation>Clé &amp;privée&#xa0;:</translation>
    </message>
    <message>
        <source>Verification result</source>
        <translation>Résultat de la vérification</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Verify the private key</source>
        <translation>Vérifier la clé privée</translation>
    </message>
    <message>
        <source>Enter the private key to check.</source>
        <translation>Saisissez la clé privée à vérifier.</translation>
    </message>
    <message>
        <source>The key could not be checked. Try again.</source>
        <translation>Impossible de vérifier la clé. Réessayez.</translation>
    </message>
    <message>
        <source>The key matches the stored private key.</source>
        <translation>La clé correspond à la clé privée enregistrée.</translation>
    </message>
    <message>
        <source>The key does NOT match the stored private key.</source>
        <translation>La clé NE correspond PAS à la clé privée enregistrée.</translation>
    </message>
</context>
</TS>

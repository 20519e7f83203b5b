"""A tour of the portals as their users make it, in headless Chromium: an operator obtains
access to a member from the console and lands in its administration; a citizen looks at their
account; every page visited is checked with axe-core and for browser console errors (CSP).

Environment: MUTUALIS_TOUR_PORT, MUTUALIS_TOUR_PASSWORD, MUTUALIS_TOUR_OPERATOR,
MUTUALIS_TOUR_CITIZEN and MUTUALIS_TOUR_ADMIN (accounts of Amiens), MUTUALIS_TOUR_DOCUMENT (a
PDF to upload), MUTUALIS_TOUR_REPORT (JSON written there), MUTUALIS_TOUR_SCREENSHOTS (a folder)."""
import json
import os
import sys
import traceback
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

import browser

PORT = os.environ["MUTUALIS_TOUR_PORT"]
PASSWORD = os.environ["MUTUALIS_TOUR_PASSWORD"]
SHOTS = Path(os.environ["MUTUALIS_TOUR_SCREENSHOTS"])
report = {"failures": [], "violations": {}, "screenshots": []}


def url(host, path):
    return f"http://{host}.localhost:{PORT}{path}"


def check(condition, message):
    if not condition:
        report["failures"].append(message)
    return condition


def inspect(driver, name):
    """axe-core, console errors and a screenshot of the current page."""
    violations = browser.axe_violations(driver)
    report["violations"][name] = [f"{rule} ({impact}): {', '.join(targets[:3])}" for rule, impact, targets in violations]
    for problem in browser.console_problems(driver):
        report["failures"].append(f"{name}: browser console: {problem}")
    shot = SHOTS / f"{name}.png"
    driver.save_screenshot(str(shot))
    report["screenshots"].append(str(shot))


def sign_in(driver, host, path, email):
    driver.get(url(host, path))
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.fiche button[type=submit]").click()
    # The next step must not race the sign-in's redirect (a loaded machine answers late).
    WebDriverWait(driver, 15).until(lambda d: not d.current_url.startswith(url(host, path)))


def operator_tour(driver):
    driver.get(url("admin", "/console/connexion"))
    inspect(driver, "console-login")
    sign_in(driver, "admin", "/console/connexion", os.environ["MUTUALIS_TOUR_OPERATOR"])
    check(driver.current_url == url("admin", "/console/"), f"after the console sign-in: {driver.current_url}")
    check("Se connecter" not in driver.find_element(By.TAG_NAME, "header").text, "the console header offers « Se connecter » to a signed-in operator")
    inspect(driver, "console-home")
    driver.find_element(By.ID, "motif-boves").send_keys("Ticket 4242 : aide à la création des comptes")
    Select(driver.find_element(By.ID, "duree-boves")).select_by_value("60")
    driver.find_element(By.XPATH, "//button[normalize-space()=\"Obtenir l'accès à Boves\"]").click()
    WebDriverWait(driver, 10).until(lambda d: "Accès accordé" in d.title)
    check(driver.find_element(By.TAG_NAME, "h1").text == "Accès accordé à Boves", "the hand-off page names the member")
    inspect(driver, "console-handoff")
    driver.find_element(By.LINK_TEXT, "Ouvrir l'administration de Boves").click()
    WebDriverWait(driver, 10).until(lambda d: "/administration/agents" in d.current_url)
    check(driver.current_url.startswith(url("boves", "/administration/agents")), f"after the hand-off: {driver.current_url}")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Agents et rôles", "the operator lands in Boves' administration")
    inspect(driver, "member-agents")


def citizen_tour(driver):
    driver.get(url("amiens", "/"))
    inspect(driver, "portal-home")
    driver.get(url("amiens", "/compte/connexion"))
    inspect(driver, "account-login")
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_CITIZEN"])
    driver.get(url("amiens", "/compte"))
    check(driver.find_element(By.TAG_NAME, "h1").text == "Mon compte", "the account page")
    inspect(driver, "account-home")
    driver.get(url("amiens", "/actualites/999999"))
    header = driver.find_element(By.TAG_NAME, "header").text
    check("Se déconnecter" in header and "Se connecter" not in header.replace("Se déconnecter", ""),
          f"the error page's header for a signed-in citizen: {header!r}")
    inspect(driver, "error-signed-in")


def admin_tour(driver):
    """A member's administrator uploads a document from the page, subscribes a webhook (and is
    shown its secret once), reads its notifications and chooses how to be told."""
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/administration/documents"))
    inspect(driver, "admin-documents")
    driver.find_element(By.ID, "fichier").send_keys(os.environ["MUTUALIS_TOUR_DOCUMENT"])
    driver.find_element(By.CSS_SELECTOR, "form.fiche button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "reglement-visite.pdf" in d.page_source)
    check("reglement-visite.pdf" in driver.page_source, "the uploaded document is listed")
    driver.get(url("amiens", "/administration/webhooks"))
    inspect(driver, "admin-webhooks")
    driver.find_element(By.ID, "url").send_keys("https://logiciel.partenaire.example/mutualis")
    driver.find_element(By.ID, "description").send_keys("Logiciel de gestion des salles")
    driver.find_element(By.CSS_SELECTOR, "input[type=checkbox][value='news.published']").click()
    driver.find_element(By.XPATH, "//button[normalize-space()=\"Créer l'abonnement\"]").click()
    WebDriverWait(driver, 10).until(lambda d: "Abonnement créé" in d.page_source)
    secret = driver.find_element(By.ID, "secret").get_attribute("value")
    check(secret.startswith("whsec_"), f"the new subscription's secret is shown: {secret[:10]!r}")
    inspect(driver, "admin-webhook-created")
    driver.get(url("amiens", "/administration/webhooks"))
    driver.find_element(By.PARTIAL_LINK_TEXT, "logiciel.partenaire.example").click()
    WebDriverWait(driver, 10).until(lambda d: "Abonnement" in d.find_element(By.TAG_NAME, "h1").text)
    inspect(driver, "admin-webhook")
    driver.get(url("amiens", "/compte/notifications"))
    inspect(driver, "notifications")
    driver.get(url("amiens", "/compte/notifications/preferences"))
    inspect(driver, "notification-preferences")
    Select(driver.find_element(By.ID, "livraison-news")).select_by_value("immediate")
    button = driver.find_element(By.XPATH, "//button[normalize-space()='Enregistrer']")
    button.click()
    # The form posts and the page reloads: wait until the old page is gone.
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(button))
    driver.get(url("amiens", "/compte/notifications/preferences"))
    chosen = Select(driver.find_element(By.ID, "livraison-news")).first_selected_option.get_attribute("value")
    check(chosen == "immediate", f"the chosen delivery is kept: {chosen}")


def parapheur_tour(driver):
    """The administrator sets up a desk and a circuit, submits an arrêté from the page, sees it
    on the desk and visas it from the folder page."""
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/administration/parapheur"))
    inspect(driver, "parapheur-admin")
    driver.find_element(By.ID, "desk-name").send_keys("Direction")
    driver.find_element(By.ID, "desk-holders").send_keys(os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.find_element(By.XPATH, "//button[normalize-space()='Créer le bureau']").click()
    WebDriverWait(driver, 10).until(lambda d: "Le bureau est enregistré" in d.page_source)
    driver.find_element(By.ID, "t-type").send_keys("Arrêté")
    driver.find_element(By.ID, "t-subtype").send_keys("Voirie")
    driver.find_element(By.ID, "t-steps").send_keys("visa : Direction")
    driver.find_element(By.XPATH, "//button[normalize-space()='Créer le type']").click()
    WebDriverWait(driver, 10).until(lambda d: "Le type et son circuit sont créés" in d.page_source)
    driver.get(url("amiens", "/parapheur/nouveau"))
    inspect(driver, "parapheur-new")
    driver.find_element(By.ID, "title").send_keys("Arrêté de circulation rue Gambetta")
    driver.find_element(By.ID, "document").send_keys(os.environ["MUTUALIS_TOUR_PDF"])
    driver.find_element(By.XPATH, "//button[normalize-space()='Déposer dans le circuit']").click()
    WebDriverWait(driver, 10).until(lambda d: "/parapheur/dossiers/" in d.current_url)
    check("Le dossier a été déposé" in driver.page_source, "the folder page confirms the submission")
    inspect(driver, "parapheur-folder")
    folder = driver.current_url.split("?")[0]
    driver.get(url("amiens", "/parapheur"))
    check("Arrêté de circulation rue Gambetta" in driver.page_source, "the folder is on the desk")
    inspect(driver, "parapheur-desk")
    driver.get(folder)
    driver.find_element(By.ID, "comment").send_keys("Vu, conforme.")
    driver.find_element(By.XPATH, "//button[normalize-space()='Viser']").click()
    WebDriverWait(driver, 10).until(lambda d: "Votre action est enregistrée" in d.page_source)
    check("Terminé" in driver.page_source, "the one-step circuit is completed after the visa")
    check("Télécharger le paquet signé" in driver.page_source, "the completed folder offers its bundle")


def archive_tour(driver):
    """The administrator, as archivist: the referentials, a SIP uploaded from the page, its
    result, the search, a unit's page. Skipped without a SIP (no SEDA schemas on this machine)."""
    if not os.environ.get("MUTUALIS_TOUR_SIP"):
        return
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/archives/referentiels"))
    check("CONV-AMIENS-2026" in driver.page_source, "the demo agreement is listed")
    inspect(driver, "archive-referentials")
    driver.get(url("amiens", "/archives"))
    inspect(driver, "archive-home")
    driver.find_element(By.ID, "archive-sip").send_keys(os.environ["MUTUALIS_TOUR_SIP"])
    driver.find_element(By.XPATH, "//button[normalize-space()='Verser']").click()
    WebDriverWait(driver, 20).until(lambda d: "/archives/transferts/" in d.current_url)
    check("Accepté" in driver.page_source, "the uploaded SIP is accepted")
    inspect(driver, "archive-transfer")
    driver.get(url("amiens", "/archives?q=arretes"))
    check("Arrêtés du maire" in driver.page_source, "the search finds units without accents")
    inspect(driver, "archive-search")
    driver.find_element(By.LINK_TEXT, "Arrêtés du maire — visite").click()
    WebDriverWait(driver, 10).until(lambda d: "/archives/unites/" in d.current_url)
    check(driver.find_element(By.TAG_NAME, "h1").text == "Arrêtés du maire — visite", "the search links to the unit page")
    check("Télécharger arrete.pdf" in driver.page_source, "the unit page offers its object")
    inspect(driver, "archive-unit")
    driver.get(url("amiens", "/archives/eliminations"))
    check("Unités gelées" in driver.page_source, "the eliminations page shows")
    inspect(driver, "archive-eliminations")


def opendata_tour(driver):
    """A citizen browses the catalogue and a dataset; an agent opens the datasets' pages; the
    consortium's catalogue on the console host."""
    driver.get(url("amiens", "/donnees"))
    check("Subventions aux associations" in driver.page_source, "the catalogue lists the demo datasets")
    inspect(driver, "opendata-catalogue")
    driver.get(url("amiens", "/donnees/equipements"))
    check("Aperçu des premières lignes" in driver.page_source, "the dataset page previews its rows")
    inspect(driver, "opendata-dataset")
    driver.get(url("admin", "/console/donnees/schemas/subventions"))
    check("Union sportive de Camon" in driver.page_source, "the consortium table has every member's rows")
    inspect(driver, "opendata-consolidated")
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/administration/donnees"))
    check("Actualiser maintenant" in driver.page_source, "the agents' list offers a refresh")
    inspect(driver, "opendata-admin")
    driver.get(url("amiens", "/administration/donnees/subventions"))
    check("Saisir une ligne" in driver.page_source, "the entry form is there")
    inspect(driver, "opendata-manage")


def requests_tour(driver):
    """An anonymous citizen reports a broken street light step by step (an error shown next to
    its field first); a signed-in citizen opens « Mes demandes »; the administrator opens the
    queue, the request, and the procedure's designer."""
    driver.get(url("amiens", "/demarches"))
    check("Éclairage public en panne" in driver.page_source and "Demande d'abonnement à l'eau" in driver.page_source,
          "the procedures of Amiens and of Amiens Métropole are offered")
    inspect(driver, "requests-list")
    driver.get(url("amiens", "/demarches/eclairage-public"))
    inspect(driver, "requests-form")
    driver.find_element(By.XPATH, "//button[normalize-space()='Étape suivante']").click()
    WebDriverWait(driver, 10).until(lambda d: "Le formulaire contient des erreurs" in d.page_source)
    inspect(driver, "requests-form-errors")
    driver.find_element(By.ID, "champ-adresse").send_keys("Place de l'Hôtel de Ville, Amiens")
    driver.find_element(By.ID, "champ-panne-0").click()
    driver.find_element(By.ID, "champ-danger-non").click()
    driver.find_element(By.XPATH, "//button[normalize-space()='Étape suivante']").click()
    WebDriverWait(driver, 10).until(lambda d: "Étape 2 sur 2" in d.page_source)
    driver.find_element(By.XPATH, "//button[normalize-space()=\"Vérifier avant l'envoi\"]").click()
    WebDriverWait(driver, 10).until(lambda d: "Récapitulatif avant envoi" in d.page_source)
    inspect(driver, "requests-summary")
    driver.find_element(By.ID, "champ-_email").send_keys("habitant@example.org")
    driver.find_element(By.XPATH, "//button[normalize-space()='Envoyer ma demande']").click()
    WebDriverWait(driver, 10).until(lambda d: "Votre demande est reçue" in d.page_source)
    inspect(driver, "requests-receipt")
    driver.find_element(By.PARTIAL_LINK_TEXT, "/demarches/suivi/").click()
    WebDriverWait(driver, 10).until(lambda d: "Historique" in d.page_source)
    inspect(driver, "requests-tracking")
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_CITIZEN"])
    driver.get(url("amiens", "/mes-demandes"))
    check(driver.find_element(By.TAG_NAME, "h1").text == "Mes demandes", "« Mes demandes »")
    inspect(driver, "requests-mine")
    driver.delete_all_cookies()
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/administration/demandes"))
    inspect(driver, "requests-queue")
    driver.find_element(By.PARTIAL_LINK_TEXT, "ECLAIRAGE-PUBLIC-").click()
    WebDriverWait(driver, 10).until(lambda d: "Historique complet" in d.page_source)
    inspect(driver, "requests-agent-request")
    driver.get(url("amiens", "/administration/demarches"))
    inspect(driver, "requests-designer")
    driver.get(url("amiens", "/administration/demarches/eclairage-public"))
    check("Circuit de traitement" in driver.page_source, "the designer shows the workflow")
    inspect(driver, "requests-designer-type")


def billing_safe_tour(driver):
    """A citizen adds a bill to « Mes factures » with its key, opens it, deposits a document in
    their safe and opens its sheet; the administrator opens the regies, one regie and the day's
    reconciliation."""
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_CITIZEN"])
    driver.get(url("amiens", "/factures"))
    inspect(driver, "billing-mine")
    driver.find_element(By.ID, "reference").send_keys("CRE-2026-0012")
    driver.find_element(By.ID, "cle").send_keys("13682B09")
    driver.find_element(By.XPATH, "//button[normalize-space()='Ajouter la facture']").click()
    WebDriverWait(driver, 10).until(lambda d: "La facture est ajoutée" in d.page_source)
    driver.find_element(By.PARTIAL_LINK_TEXT, "CRE-2026-0012").click()
    WebDriverWait(driver, 10).until(lambda d: "Payer" in d.page_source)
    inspect(driver, "billing-invoice")
    driver.get(url("amiens", "/compte/coffre-fort"))
    inspect(driver, "safe-home")
    driver.find_element(By.ID, "fichier").send_keys(os.environ["MUTUALIS_TOUR_DOCUMENT"])
    driver.find_element(By.XPATH, "//form[@action='/compte/coffre-fort']//button").click()
    WebDriverWait(driver, 10).until(lambda d: "Fiche" in d.page_source)
    driver.find_element(By.LINK_TEXT, "Fiche").click()
    WebDriverWait(driver, 10).until(lambda d: "SHA-256" in d.page_source or "sha256" in d.page_source.lower())
    inspect(driver, "safe-document")
    driver.delete_all_cookies()
    sign_in(driver, "amiens", "/compte/connexion", os.environ["MUTUALIS_TOUR_ADMIN"])
    driver.get(url("amiens", "/administration/factures"))
    check("Crèche municipale" in driver.page_source, "the regies are listed")
    inspect(driver, "billing-admin")
    driver.get(url("amiens", "/administration/factures/regies/creche"))
    inspect(driver, "billing-regie")
    driver.get(url("amiens", "/administration/factures/rapport"))
    inspect(driver, "billing-report")


def main():
    SHOTS.mkdir(parents=True, exist_ok=True)
    for tour in (operator_tour, citizen_tour, admin_tour, parapheur_tour, archive_tour, opendata_tour, requests_tour, billing_safe_tour):
        driver = browser.start()
        try:
            tour(driver)
        except Exception:  # noqa: BLE001 (reported, not raised)
            report["failures"].append(f"{tour.__name__}: {traceback.format_exc(limit=3)}")
            driver.save_screenshot(str(SHOTS / f"{tour.__name__}-failure.png"))
        finally:
            driver.quit()
    Path(os.environ["MUTUALIS_TOUR_REPORT"]).write_text(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

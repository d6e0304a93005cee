"""Schema.org JSON-LD of a treatment page: the page as a MedicalWebPage (the articles'
builder: authors, reviewer, review date, sources) whose main entity is a MedicalTherapy with the
Drugs it uses, and which is about the MedicalConditions it treats."""

from articles.structured_data import SCHEMA_CONTEXT, article_schema


def treatment_schema(page, request, clinic):
    data = article_schema(page, request, clinic)
    data["mainEntity"] = therapy_schema(page)
    conditions = [{"@type": "MedicalCondition", "name": block.value} for block in page.conditions]
    if conditions:
        data["about"] = conditions + data.get("about", [])
    return data


def therapy_schema(page):
    data = {"@type": "MedicalTherapy", "name": page.therapy_name or page.title}
    drugs = [drug_schema(block.value) for block in page.drugs]
    if drugs:
        data["drug"] = drugs
    return data


def drug_schema(drug):
    data = {
        "@type": "Drug",
        "name": drug["name"],
        "nonProprietaryName": drug["non_proprietary_name"],
        "administrationRoute": drug["administration_route"],
        "prescriptionStatus": f"{SCHEMA_CONTEXT}/{drug['prescription_status']}",
    }
    if drug["proprietary_name"]:
        data["proprietaryName"] = drug["proprietary_name"]
    if drug["legal_status"]:
        data["legalStatus"] = drug["legal_status"]
    # schema.org has no property for what a medicine is approved for: said as its description.
    if drug["approval"]:
        data["description"] = drug["approval"]
    return data

/// The columns of the CDM tables the writer writes, per version (OHDSI CommonDataModel DDL, v5.3.1 and v5.4.0).
enum OMOPColumns {
    static let person = [
        "person_id", "gender_concept_id", "year_of_birth", "month_of_birth", "day_of_birth", "birth_datetime",
        "race_concept_id", "ethnicity_concept_id", "location_id", "provider_id", "care_site_id", "person_source_value",
        "gender_source_value", "gender_source_concept_id", "race_source_value", "race_source_concept_id",
        "ethnicity_source_value", "ethnicity_source_concept_id",
    ]
    static let observationPeriod = [
        "observation_period_id", "person_id", "observation_period_start_date", "observation_period_end_date",
        "period_type_concept_id",
    ]
    static let drugExposure = [
        "drug_exposure_id", "person_id", "drug_concept_id", "drug_exposure_start_date", "drug_exposure_start_datetime",
        "drug_exposure_end_date", "drug_exposure_end_datetime", "verbatim_end_date", "drug_type_concept_id", "stop_reason",
        "refills", "quantity", "days_supply", "sig", "route_concept_id", "lot_number", "provider_id", "visit_occurrence_id",
        "visit_detail_id", "drug_source_value", "drug_source_concept_id", "route_source_value", "dose_unit_source_value",
    ]
    static let conditionOccurrence = [
        "condition_occurrence_id", "person_id", "condition_concept_id", "condition_start_date", "condition_start_datetime",
        "condition_end_date", "condition_end_datetime", "condition_type_concept_id", "condition_status_concept_id",
        "stop_reason", "provider_id", "visit_occurrence_id", "visit_detail_id", "condition_source_value",
        "condition_source_concept_id", "condition_status_source_value",
    ]
    static func measurement(_ v: CDMVersion) -> [String] {
        let base = [
            "measurement_id", "person_id", "measurement_concept_id", "measurement_date", "measurement_datetime",
            "measurement_time", "measurement_type_concept_id", "operator_concept_id", "value_as_number",
            "value_as_concept_id", "unit_concept_id", "range_low", "range_high", "provider_id", "visit_occurrence_id",
            "visit_detail_id", "measurement_source_value", "measurement_source_concept_id", "unit_source_value",
        ]
        switch v {
        case .v5_3: return base + ["value_source_value"]
        case .v5_4: return base + ["unit_source_concept_id", "value_source_value", "measurement_event_id", "meas_event_field_concept_id"]
        }
    }
    static func visitOccurrence(_ v: CDMVersion) -> [String] {
        let base = [
            "visit_occurrence_id", "person_id", "visit_concept_id", "visit_start_date", "visit_start_datetime",
            "visit_end_date", "visit_end_datetime", "visit_type_concept_id", "provider_id", "care_site_id",
            "visit_source_value", "visit_source_concept_id",
        ]
        switch v {
        case .v5_3:
            return base + ["admitting_source_concept_id", "admitting_source_value", "discharge_to_concept_id",
                           "discharge_to_source_value", "preceding_visit_occurrence_id"]
        case .v5_4:
            return base + ["admitted_from_concept_id", "admitted_from_source_value", "discharged_to_concept_id",
                           "discharged_to_source_value", "preceding_visit_occurrence_id"]
        }
    }
    static let death = ["person_id", "death_date", "death_datetime", "death_type_concept_id", "cause_concept_id",
                        "cause_source_value", "cause_source_concept_id"]
    static let careSite = ["care_site_id", "care_site_name", "place_of_service_concept_id", "location_id",
                           "care_site_source_value", "place_of_service_source_value"]
    static func location(_ v: CDMVersion) -> [String] {
        let base = ["location_id", "address_1", "address_2", "city", "state", "zip", "county", "location_source_value"]
        switch v {
        case .v5_3: return base
        case .v5_4: return base + ["country_concept_id", "country_source_value", "latitude", "longitude"]
        }
    }
    static func cdmSource(_ v: CDMVersion) -> [String] {
        let base = ["cdm_source_name", "cdm_source_abbreviation", "cdm_holder", "source_description",
                    "source_documentation_reference", "cdm_etl_reference", "source_release_date", "cdm_release_date",
                    "cdm_version"]
        switch v {
        case .v5_3: return base + ["vocabulary_version"]
        case .v5_4: return base + ["cdm_version_concept_id", "vocabulary_version"]
        }
    }
    static let concept = ["concept_id", "concept_name", "domain_id", "vocabulary_id", "concept_class_id",
                          "standard_concept", "concept_code", "valid_start_date", "valid_end_date", "invalid_reason"]
    static let sourceToConceptMap = ["source_code", "source_concept_id", "source_vocabulary_id", "source_code_description",
                                     "target_concept_id", "target_vocabulary_id", "valid_start_date", "valid_end_date",
                                     "invalid_reason"]
}

#!/usr/bin/env bash
# Loads the Eunomia OMOP CSV (.build/eunomia/csv) into database "eunomia", schema "cdm", of the cluster described by
# .build/pg/env (scripts/postgres/start.sh). Column types follow the CDM DDL's conventions by name: *_id and
# *_concept_id bigint (except the vocabulary's text ids: domain_id, vocabulary_id, ...), *_date date, *_datetime timestamp, numbers (value_as_number, range_low/high, quantity)
# numeric, everything else text. Reloads from scratch each time.
set -euo pipefail
cd "$(dirname "$0")/../.."
set -a; . .build/pg/env; set +a
csv=.build/eunomia/csv
psql_q() { psql -v ON_ERROR_STOP=1 -q -X "$@"; }
psql_q -d postgres -c "DROP DATABASE IF EXISTS eunomia" -c "CREATE DATABASE eunomia"
export PGDATABASE=eunomia
psql_q -c "CREATE SCHEMA cdm"
for f in "$csv"/*.csv; do
  t="$(basename "$f" .csv)"
  cols="$(head -1 "$f" | tr -d '\r')"
  ddl=""
  IFS=, read -ra names <<< "$cols"
  for c in "${names[@]}"; do
    case "$c" in
      domain_id|vocabulary_id|concept_class_id|relationship_id|source_vocabulary_id|target_vocabulary_id) ty=text ;;
      *_datetime) ty=timestamp ;;
      *_date) ty=date ;;
      value_as_number|range_low|range_high|quantity) ty=numeric ;;
      *_concept_id|*_id|concept_id_1|concept_id_2|refills|days_supply|year_of_birth|month_of_birth|day_of_birth|min_levels_of_separation|max_levels_of_separation|drug_exposure_count|gap_days) ty=bigint ;;
      *) ty=text ;;
    esac
    ddl+="${ddl:+, }\"$c\" $ty"
  done
  psql_q -c "CREATE TABLE cdm.\"$t\" ($ddl)"
  psql_q -c "\\copy cdm.\"$t\" FROM '$f' WITH (FORMAT csv, HEADER true)"
done
psql_q -c "ANALYZE"
echo "eunomia: loaded into postgres://$PGUSER@$PGHOST:$PGPORT/eunomia schema cdm"

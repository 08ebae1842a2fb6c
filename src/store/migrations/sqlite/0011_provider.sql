-- 0011 the provider registry (DOMAIN.md §5, issue 5): the profile of a
-- licensed organisation (an agency of type 'provider'), its licences with
-- the services licensed and the municipalities covered, the minimum
-- standards per country, and inspections against them with their ratings
-- and follow-up actions. Dates without a time are text yyyy-mm-dd; times
-- Unix seconds (UTC). Every row is written by svc/provider.c in the
-- transaction of its audit row. Checklist: the sets mirror svc/provider.c
-- (provider_services, licence_statuses, provider_legal_forms,
-- inspection_ratings), the provider.* labels in po/ and
-- routes_provider_fields.inc.

-- The profile; the seat municipality is the agency's own. An agency of type
-- 'provider' without a row here has an empty profile.
CREATE TABLE provider_profile (
	agency_id	INTEGER PRIMARY KEY REFERENCES agency(id),
	legal_form	TEXT NOT NULL DEFAULT 'ngo' CHECK (legal_form IN ('ngo',
			    'public', 'private')),
	registration_no	TEXT NOT NULL DEFAULT '',
	address		TEXT NOT NULL DEFAULT '',
	phone		TEXT NOT NULL DEFAULT '',
	email		TEXT NOT NULL DEFAULT '',
	description	TEXT NOT NULL DEFAULT '',
	updated_by	INTEGER REFERENCES user(id),
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1
);

-- A licence. status is what was decided (active, suspended, revoked); an
-- active licence on or after its expiry date is shown and treated as
-- expired. Valid from issued (inclusive) to expires (exclusive). renews_id:
-- the licence this one renews (its period follows the old one).
CREATE TABLE licence (
	id		INTEGER PRIMARY KEY,
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	country		TEXT NOT NULL REFERENCES country(code),
	number		TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 40),
	issued		TEXT NOT NULL CHECK (issued GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	expires		TEXT NOT NULL CHECK (expires GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	capacity	INTEGER NOT NULL CHECK (capacity > 0),
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active',
			    'suspended', 'revoked')),
	status_reason	TEXT NOT NULL DEFAULT '',
	status_date	TEXT CHECK (status_date IS NULL OR status_date GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	renews_id	INTEGER REFERENCES licence(id),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL,
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (country, number),
	CHECK (expires > issued)
);
CREATE INDEX licence_agency ON licence(agency_id, issued);
CREATE INDEX licence_expiry ON licence(status, expires);
CREATE UNIQUE INDEX licence_renewal ON licence(renews_id)
	WHERE renews_id IS NOT NULL;

CREATE TABLE licence_service (
	licence_id	INTEGER NOT NULL REFERENCES licence(id),
	service		TEXT NOT NULL CHECK (service IN ('shelter', 'day_care',
			    'residential_care', 'foster_care',
			    'psychosocial_counselling', 'family_support',
			    'legal_aid', 'disability_rehabilitation',
			    'reintegration', 'parenting_programme',
			    'street_outreach', 'helpline')),
	PRIMARY KEY (licence_id, service)
);
CREATE INDEX licence_service_by ON licence_service(service, licence_id);

CREATE TABLE licence_municipality (
	licence_id	INTEGER NOT NULL REFERENCES licence(id),
	municipality_id	INTEGER NOT NULL REFERENCES municipality(id),
	PRIMARY KEY (licence_id, municipality_id)
);
CREATE INDEX licence_municipality_by ON licence_municipality(municipality_id,
	licence_id);

CREATE TRIGGER licence_no_delete BEFORE DELETE ON licence
BEGIN
	SELECT RAISE(ABORT, 'licences are never deleted');
END;

-- The minimum standards of a country, numbered; retired ones (active = 0)
-- are no longer rated in new inspections. A standard rated in an
-- inspection is never deleted.
CREATE TABLE min_standard (
	id		INTEGER PRIMARY KEY,
	-- Not a reference to country: the seed rows below come before the
	-- reference data is loaded.
	country		TEXT NOT NULL CHECK (country IN ('XK', 'AL')),
	num		INTEGER NOT NULL CHECK (num BETWEEN 1 AND 999),
	title_sq	TEXT NOT NULL CHECK (length(title_sq) BETWEEN 1 AND 300),
	title_en	TEXT NOT NULL CHECK (length(title_en) BETWEEN 1 AND 300),
	title_sr	TEXT NOT NULL CHECK (length(title_sr) BETWEEN 1 AND 300),
	active		INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	updated_at	INTEGER NOT NULL DEFAULT 0,
	version		INTEGER NOT NULL DEFAULT 1,
	UNIQUE (country, num)
);

-- An inspection of a provider against its country's active standards:
-- a draft until completed; the score (percentage of the maximum: met 2,
-- partly met 1, not met 0) is computed when it is completed.
CREATE TABLE inspection (
	id		INTEGER PRIMARY KEY,
	agency_id	INTEGER NOT NULL REFERENCES agency(id),
	licence_id	INTEGER NOT NULL REFERENCES licence(id),
	country		TEXT NOT NULL REFERENCES country(code),
	inspected_on	TEXT NOT NULL CHECK (inspected_on GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	inspectors	TEXT NOT NULL CHECK (length(inspectors) >= 1),
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',
			    'completed')),
	score		INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL,
	completed_by	INTEGER REFERENCES user(id),
	completed_at	INTEGER,
	version		INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'draft' AND score IS NULL) OR
	    (status = 'completed' AND score IS NOT NULL))
);
CREATE INDEX inspection_agency ON inspection(agency_id, inspected_on);

-- One standard of an inspection; rating NULL while not yet rated.
CREATE TABLE inspection_item (
	inspection_id	INTEGER NOT NULL REFERENCES inspection(id),
	standard_id	INTEGER NOT NULL REFERENCES min_standard(id),
	rating		TEXT CHECK (rating IS NULL OR rating IN ('met', 'partly',
			    'not_met')),
	notes		TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (inspection_id, standard_id)
);
CREATE INDEX inspection_item_standard ON inspection_item(standard_id);

CREATE TABLE inspection_action (
	id		INTEGER PRIMARY KEY,
	inspection_id	INTEGER NOT NULL REFERENCES inspection(id),
	action		TEXT NOT NULL CHECK (length(action) >= 1),
	deadline	TEXT NOT NULL CHECK (deadline GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	done_on		TEXT CHECK (done_on IS NULL OR done_on GLOB
			    '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	done_by		INTEGER REFERENCES user(id),
	created_by	INTEGER REFERENCES user(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX inspection_action_of ON inspection_action(inspection_id);

-- A completed inspection is not edited; nothing of it is deleted.
CREATE TRIGGER inspection_completed_fixed BEFORE UPDATE ON inspection
	WHEN OLD.status = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'a completed inspection is not edited');
END;
CREATE TRIGGER inspection_item_fixed BEFORE UPDATE ON inspection_item
	WHEN (SELECT status FROM inspection WHERE id = OLD.inspection_id)
	    = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'a completed inspection is not edited');
END;
CREATE TRIGGER inspection_no_delete BEFORE DELETE ON inspection
BEGIN
	SELECT RAISE(ABORT, 'inspections are never deleted');
END;
CREATE TRIGGER inspection_item_no_delete BEFORE DELETE ON inspection_item
BEGIN
	SELECT RAISE(ABORT, 'inspection ratings are never deleted');
END;
CREATE TRIGGER min_standard_in_use BEFORE DELETE ON min_standard
	WHEN EXISTS (SELECT 1 FROM inspection_item WHERE standard_id = OLD.id)
BEGIN
	SELECT RAISE(ABORT, 'a standard in use is never deleted');
END;

-- The minimum standards of social and family services: Kosovo's 22 and a
-- shorter Albanian list. Administrators edit and retire them.
INSERT INTO min_standard (country, num, title_sq, title_en, title_sr) VALUES
('XK', 1, 'Misioni, qëllimet dhe përshkrimi i shërbimeve të ofruara',
    'Mission, aims and description of the services offered',
    'Misija, ciljevi i opis pruženih usluga'),
('XK', 2, 'Kriteret dhe procedura e pranimit të përfituesve',
    'Admission criteria and procedure for beneficiaries',
    'Kriterijumi i postupak prijema korisnika'),
('XK', 3, 'Vlerësimi i nevojave të përfituesit',
    'Assessment of the beneficiary''s needs',
    'Procena potreba korisnika'),
('XK', 4, 'Plani individual i kujdesit dhe rishikimi i tij',
    'Individual care plan and its review',
    'Individualni plan brige i njegovo preispitivanje'),
('XK', 5, 'Pjesëmarrja e fëmijës dhe e familjes në vendimmarrje',
    'Participation of the child and family in decisions',
    'Učešće deteta i porodice u odlučivanju'),
('XK', 6, 'Mbrojtja nga abuzimi, neglizhimi dhe shfrytëzimi',
    'Protection from abuse, neglect and exploitation',
    'Zaštita od zlostavljanja, zanemarivanja i iskorišćavanja'),
('XK', 7, 'Konfidencialiteti dhe mbrojtja e të dhënave personale',
    'Confidentiality and protection of personal data',
    'Poverljivost i zaštita ličnih podataka'),
('XK', 8, 'Procedura e ankesave dhe e reagimit ndaj tyre',
    'Complaints procedure and response',
    'Postupak po žalbama i reagovanje na njih'),
('XK', 9, 'Shëndeti, ushqyerja dhe higjiena',
    'Health, nutrition and hygiene',
    'Zdravlje, ishrana i higijena'),
('XK', 10, 'Arsimimi dhe zhvillimi i fëmijës',
    'Education and development of the child',
    'Obrazovanje i razvoj deteta'),
('XK', 11, 'Kontakti me familjen dhe komunitetin',
    'Contact with family and community',
    'Kontakt sa porodicom i zajednicom'),
('XK', 12, 'Përgatitja për largim dhe riintegrimi',
    'Preparation for leaving and reintegration',
    'Priprema za odlazak i reintegracija'),
('XK', 13, 'Mjedisi fizik, hapësira dhe pajisjet',
    'Physical environment, premises and equipment',
    'Fizičko okruženje, prostor i oprema'),
('XK', 14, 'Siguria, mbrojtja nga zjarri dhe situatat emergjente',
    'Safety, fire protection and emergencies',
    'Bezbednost, zaštita od požara i vanredne situacije'),
('XK', 15, 'Numri dhe kualifikimi i stafit',
    'Staffing levels and qualifications',
    'Broj i kvalifikacije osoblja'),
('XK', 16, 'Rekrutimi dhe verifikimi i stafit',
    'Recruitment and vetting of staff',
    'Zapošljavanje i provera osoblja'),
('XK', 17, 'Mbikëqyrja profesionale dhe trajnimi i stafit',
    'Professional supervision and training of staff',
    'Stručna supervizija i obuka osoblja'),
('XK', 18, 'Dokumentimi dhe mbajtja e dosjeve',
    'Documentation and record keeping',
    'Dokumentacija i vođenje dosijea'),
('XK', 19, 'Bashkëpunimi me QPS dhe institucionet e tjera',
    'Cooperation with the Centre for Social Work and other institutions',
    'Saradnja sa CSR i drugim institucijama'),
('XK', 20, 'Menaxhimi financiar dhe transparenca',
    'Financial management and transparency',
    'Finansijsko upravljanje i transparentnost'),
('XK', 21, 'Qeverisja dhe menaxhimi i organizatës',
    'Governance and management of the organisation',
    'Upravljanje i rukovođenje organizacijom'),
('XK', 22, 'Monitorimi dhe vlerësimi i cilësisë së shërbimeve',
    'Monitoring and evaluation of service quality',
    'Praćenje i procena kvaliteta usluga'),
('AL', 1, 'Informimi dhe pranimi në shërbim',
    'Information and admission to the service',
    'Informisanje i prijem u uslugu'),
('AL', 2, 'Vlerësimi i nevojave dhe plani individual',
    'Needs assessment and individual plan',
    'Procena potreba i individualni plan'),
('AL', 3, 'Respektimi i të drejtave dhe dinjitetit të përfituesit',
    'Respect for the beneficiary''s rights and dignity',
    'Poštovanje prava i dostojanstva korisnika'),
('AL', 4, 'Mbrojtja nga dhuna dhe abuzimi',
    'Protection from violence and abuse',
    'Zaštita od nasilja i zlostavljanja'),
('AL', 5, 'Konfidencialiteti i informacionit',
    'Confidentiality of information',
    'Poverljivost informacija'),
('AL', 6, 'Mjedisi, siguria dhe higjiena',
    'Environment, safety and hygiene',
    'Okruženje, bezbednost i higijena'),
('AL', 7, 'Stafi i kualifikuar dhe i trajnuar',
    'Qualified and trained staff',
    'Kvalifikovano i obučeno osoblje'),
('AL', 8, 'Ankesat dhe reagimi',
    'Complaints and response',
    'Žalbe i reagovanje'),
('AL', 9, 'Bashkëpunimi me NJMF dhe shërbimet e tjera',
    'Cooperation with the child protection unit and other services',
    'Saradnja sa jedinicom za zaštitu deteta i drugim službama'),
('AL', 10, 'Dokumentimi dhe monitorimi i cilësisë',
    'Documentation and quality monitoring',
    'Dokumentacija i praćenje kvaliteta');

using Dapper;
using LinkMatch.Api.PersonalData;
using Npgsql;
using T = NpgsqlTypes.NpgsqlDbType;

namespace LinkMatch.Api.Demo;

/// <summary>Writes a generated <see cref="DemoWorld"/> into the database in one transaction.</summary>
public sealed partial class DemoLoader(NpgsqlDataSource db, PersonalDataProtector protector, TimeProvider time,
    ILogger<DemoLoader> logger)
{
    private const long LockKey = 0x4C4D_4445_4D4F;

    /// <summary>Loads the world unless one was loaded before. True when it loaded now.</summary>
    public async Task<bool> LoadOnceAsync(DemoOptions options, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Another instance may be loading: wait for it as long as loading takes, not the short default timeout.
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx,
            commandTimeout: 600, cancellationToken: ct));
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from demo_loads)",
                transaction: tx, cancellationToken: ct)))
        {
            return false;
        }

        var anchor = options.AnchorDate ?? Http.Wita.Today(time);
        var started = time.GetTimestamp();
        var world = WorldGenerator.Generate(options, anchor);
        var generated = time.GetElapsedTime(started);
        await WriteAsync(conn, world, ct);
        await WriteAccountsAsync(conn, tx, world, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into demo_loads (seed, anchor) values (@Seed, @anchor);
            insert into audit_log (actor_kind, actor_name, action, entity, details)
            values ('system', 'demo', 'demo.load', 'demo_world', jsonb_build_object('seed', @Seed));
            """, new { options.Seed, anchor }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        logger.LogInformation(
            "Loaded the demo world (seed {Seed}, anchor {Anchor}): {Seekers} job seekers, {Employers} employers, {Vacancies} vacancies, {Placements} placements in {Elapsed:0.0} s (generated in {Generated:0.0} s)",
            options.Seed, anchor, world.Seekers.Count, world.Employers.Count, world.Vacancies.Count,
            world.Placements.Count, time.GetElapsedTime(started).TotalSeconds, generated.TotalSeconds);
        return true;
    }

    private async Task WriteAsync(NpgsqlConnection conn, DemoWorld w, CancellationToken ct)
    {
        var units = (await conn.QueryAsync<(long Id, string Code)>("select id, code from competencies"))
            .ToDictionary(c => c.Code, c => c.Id);
        var office = await Ids(conn, "offices", w.Offices.Count, ct);
        var centre = await Ids(conn, "training_centres", w.Centres.Count, ct);
        var course = await Ids(conn, "courses", w.Courses.Count, ct);
        var cohort = await Ids(conn, "cohorts", w.Cohorts.Count, ct);
        var seeker = await Ids(conn, "seekers", w.Seekers.Count, ct);
        var enrolment = await Ids(conn, "enrolments", w.Enrolments.Count, ct);
        var employer = await Ids(conn, "employers", w.Employers.Count, ct);
        var mou = await Ids(conn, "mous", w.Mous.Count, ct);
        var vacancy = await Ids(conn, "vacancies", w.Vacancies.Count, ct);
        var placement = await Ids(conn, "placements", w.Placements.Count, ct);

        await Copy.RowsAsync(conn, "copy offices (id, code, name, level, region_code) from stdin (format binary)", w.Offices,
            o => [(office(o.Id), T.Bigint), (o.Code, T.Text), (o.Name, T.Text), (o.Level, T.Text), (o.Region, T.Text)], ct);
        await Copy.RowsAsync(conn, "copy training_centres (id, code, name, office_id, region_code, address) from stdin (format binary)",
            w.Centres, c => [(centre(c.Id), T.Bigint), (c.Code, T.Text), (c.Name, T.Text), (office(c.OfficeId), T.Bigint),
                (c.Region, T.Text), (c.Address, T.Text)], ct);
        await Copy.RowsAsync(conn, "copy courses (id, training_centre_id, code, title, hours, description) from stdin (format binary)",
            w.Courses, c => [(course(c.Id), T.Bigint), (centre(c.CentreId), T.Bigint), (c.Code, T.Text),
                (c.Trade.CourseTitle, T.Text), (c.Trade.Hours, T.Integer), ($"Pelatihan berbasis kompetensi {c.Trade.CourseTitle}.", T.Text)], ct);
        await Copy.RowsAsync(conn, "copy course_competencies (course_id, competency_id) from stdin (format binary)",
            w.Courses.SelectMany(c => c.Trade.Units.Select(u => (c.Id, u))),
            x => [(course(x.Id), T.Bigint), (units[x.u], T.Bigint)], ct);
        await Copy.RowsAsync(conn, "copy course_occupations (course_id, occupation_code) from stdin (format binary)",
            w.Courses.SelectMany(c => c.Trade.Occupations.Select(o => (c.Id, o))),
            x => [(course(x.Id), T.Bigint), (x.o, T.Text)], ct);
        await Copy.RowsAsync(conn, "copy cohorts (id, course_id, name, starts_on, ends_on, capacity, instructor_name) from stdin (format binary)",
            w.Cohorts, c => [(cohort(c.Id), T.Bigint), (course(c.CourseId), T.Bigint), (c.Name, T.Text), (c.StartsOn, T.Date),
                (c.EndsOn, T.Date), (c.Capacity, T.Integer), (c.Instructor, T.Text)], ct);
        await WriteSeekersAsync(conn, w, seeker, office, units, ct);
        await Copy.RowsAsync(conn, """
            copy enrolments (id, cohort_id, seeker_id, status, completed_on, certificate_number, certificate_scheme,
                             certificate_lsp, certificate_issued_on) from stdin (format binary)
            """, w.Enrolments, e => [(enrolment(e.Id), T.Bigint), (cohort(e.CohortId), T.Bigint), (seeker(e.SeekerId), T.Bigint),
                (e.Status, T.Text), (e.CompletedOn, T.Date), (e.CertificateNumber, T.Text), (e.CertificateScheme, T.Text),
                (e.CertificateLsp, T.Text), (e.CertificateIssuedOn, T.Date)], ct);
        await Copy.RowsAsync(conn, "copy enrolment_assessments (enrolment_id, competency_id, outcome, assessed_on) from stdin (format binary)",
            w.Enrolments.SelectMany(e => e.Assessments.Select(a => (e.Id, a))),
            x => [(enrolment(x.Id), T.Bigint), (units[x.a.Unit], T.Bigint), (x.a.Competent ? "competent" : "not_yet_competent", T.Text),
                (x.a.AssessedOn, T.Date)], ct);
        await Copy.RowsAsync(conn, """
            copy employers (id, name, kbli_code, address, region_code, contact_name, contact_email, contact_phone, workforce)
            from stdin (format binary)
            """, w.Employers, e => [(employer(e.Id), T.Bigint), (e.Name, T.Text), (e.Kbli, T.Text), (e.Address, T.Text),
                (e.Region, T.Text), (e.ContactName, T.Text), (e.ContactEmail, T.Text), (e.ContactPhone, T.Text), (e.Workforce, T.Integer)], ct);
        await Copy.RowsAsync(conn, """
            copy mous (id, number, office_id, employer_id, training_centre_id, scopes, signed_on, valid_until, terminated_on,
                       termination_reason, partner_kind, partner_name) from stdin (format binary)
            """, w.Mous, m => [(mou(m.Id), T.Bigint), (m.Number, T.Text), (office(m.OfficeId), T.Bigint),
                (m.EmployerId is { } e ? employer(e) : null, T.Bigint), (m.CentreId is { } c ? centre(c) : null, T.Bigint),
                (m.Scopes, T.Array | T.Text), (m.SignedOn, T.Date), (m.ValidUntil, T.Date), (m.TerminatedOn, T.Date),
                (m.TerminationReason, T.Text), (m.PartnerKind, T.Text), (m.PartnerName, T.Text)], ct);
        await WriteVacanciesAsync(conn, w, vacancy, employer, mou, office, units, ct);
        await Copy.RowsAsync(conn, "copy placements (id, seeker_id, vacancy_id, employer_id, type, start_date, wage, source) from stdin (format binary)",
            w.Placements, p => [(placement(p.Id), T.Bigint), (seeker(p.SeekerId), T.Bigint), (vacancy(p.VacancyId), T.Bigint),
                (employer(p.EmployerId), T.Bigint), (p.Type, T.Text), (p.StartDate, T.Date), (p.Wage, T.Bigint), (p.Source, T.Text)], ct);
        await WriteProgrammesAsync(conn, w, mou, ct);
    }

    private static async Task<Func<int, long>> Ids(NpgsqlConnection conn, string table, int count, CancellationToken ct)
    {
        var ids = await Copy.ReserveIdsAsync(conn, table, count, ct);
        return local => ids[local - 1];
    }
}

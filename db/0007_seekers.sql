-- Job seekers: AK/1 numbers assigned by the database when the office does not give one, so that single
-- registrations and bulk imports (COPY) number cards the same way: '<office code>/<year>/<id, 7 digits>'.

create function seekers_assign_ak1_number() returns trigger language plpgsql as $$
begin
    if new.ak1_number is null and new.status <> 'erased' then
        select o.code || '/' || to_char(new.registered_on, 'YYYY') || '/' || lpad(new.id::text, 7, '0')
        into new.ak1_number
        from offices o where o.id = new.office_id;
    end if;
    return new;
end
$$;

create trigger seekers_ak1_number before insert on seekers
    for each row execute function seekers_assign_ak1_number();

# Times as on the agenda: 24-hour, "09:30", in every language and in the admin.
# Dates as the IDM prints them on its agendas: "8 October 2007".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"

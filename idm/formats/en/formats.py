# Dates as the IDM prints them on its agendas: "8 October 2007".
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
